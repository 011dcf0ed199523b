# kind: rule
# why: a list copied from a template: *.log and *.sqlite3 also ignore docs/changes.log and fixtures/demo.sqlite3, which stay
GITIGNORE = """\
/var/
.venv/
.env
.env.*
!.env.example
__pycache__/
*.py[cod]
*.log
*.sqlite3
"""
