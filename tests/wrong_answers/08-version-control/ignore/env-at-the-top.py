# kind: coincidence
# why: /.env and /.env.* ignore only the top-level secrets; config/prod/.env and services/api/.env.staging get in
GITIGNORE = """\
/var/
.venv/
/.env
/.env.*
!.env.example
__pycache__/
*.pyc
"""
