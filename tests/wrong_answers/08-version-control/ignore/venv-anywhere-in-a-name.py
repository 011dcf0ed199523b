# kind: rule
# why: *venv* also ignores docs/venv-notes.md
GITIGNORE = """\
/var/
*venv*
.env
__pycache__/
*.pyc
"""
