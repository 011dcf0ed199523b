# kind: coincidence
# why: var/ with docs/var/ let back in by name: right for the example, but another folder named var deeper down, src/var/, is still ignored
GITIGNORE = """\
var/
!docs/var/
.venv/
.env
.env.*
!.env.example
__pycache__/
*.pyc
"""
