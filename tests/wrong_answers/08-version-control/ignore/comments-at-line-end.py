# kind: form
# why: git reads a # only at the start of a line, so '/var/  # the database' is a pattern that matches nothing
GITIGNORE = """\
/var/  # the database and logs
.venv/  # virtual environments
.env  # secrets
.env.*
!.env.example
__pycache__/
*.pyc
"""
