# kind: rule
# why: .env.* without !.env.example also ignores .env.example, the template everyone must get
GITIGNORE = """\
/var/
.venv/
.env
.env.*
__pycache__/
*.pyc
"""
