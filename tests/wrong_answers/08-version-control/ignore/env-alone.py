# kind: rule
# why: .env alone lets .env.production and its secrets in
GITIGNORE = """\
/var/
.venv/
.env
__pycache__/
*.pyc
"""
