# kind: rule
# why: *.pyc misses what else a __pycache__ folder holds
GITIGNORE = """\
/var/
.venv/
.env
.env.*
!.env.example
*.pyc
"""
