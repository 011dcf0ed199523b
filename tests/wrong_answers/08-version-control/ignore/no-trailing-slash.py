# kind: rule
# why: .venv and __pycache__ without a / at the end also ignore plain files of those names, which are not folders
GITIGNORE = """\
/var/
.venv
.env
.env.*
!.env.example
__pycache__
*.pyc
"""
