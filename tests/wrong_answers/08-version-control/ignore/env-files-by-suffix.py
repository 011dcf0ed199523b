# kind: rule
# why: *.env ignores every file whose name ends in .env, such as deploy/settings.env, which is not a secret
GITIGNORE = """\
/var/
.venv/
*.env
.env.*
!.env.example
__pycache__/
*.pyc
"""
