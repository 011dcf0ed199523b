# kind: rule
# why: var/ without a leading slash also ignores docs/var/, which is source
GITIGNORE = """\
var/
.venv/
.env
.env.*
!.env.example
__pycache__/
*.pyc
"""
