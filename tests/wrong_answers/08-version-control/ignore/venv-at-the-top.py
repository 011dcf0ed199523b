# kind: coincidence
# why: /.venv/ ignores only the top-level virtual environment; a service's own services/api/.venv/ gets in
GITIGNORE = """\
/var/
/.venv/
.env
.env.*
!.env.example
__pycache__/
*.pyc
"""
