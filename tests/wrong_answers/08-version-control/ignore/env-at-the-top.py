# kind: coincidence
# why: /.env ignores only the top-level .env; config/prod/.env, with its secrets, gets in
GITIGNORE = """\
/var/
.venv/
/.env
__pycache__/
*.pyc
"""
