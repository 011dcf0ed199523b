# kind: rule
# why: .env* also ignores .env.example, the template everyone must get, and .envrc
GITIGNORE = """\
/var/
.venv/
.env*
__pycache__/
*.pyc
"""
