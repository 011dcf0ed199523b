# kind: rule
# why: *venv* also ignores docs/venv-notes.md
GITIGNORE = """\
/var/
*venv*
.env
.env.*
!.env.example
__pycache__/
*.pyc
"""
