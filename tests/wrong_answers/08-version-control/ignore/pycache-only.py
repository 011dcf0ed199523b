# kind: rule
# why: __pycache__/ misses a .pyc file outside such a folder
GITIGNORE = """\
/var/
.venv/
.env
.env.*
!.env.example
__pycache__/
"""
