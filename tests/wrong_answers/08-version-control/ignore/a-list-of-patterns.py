# kind: form
# why: a list of patterns, not the text of a file
GITIGNORE = ["/var/", ".venv/", ".env", ".env.*", "!.env.example", "__pycache__/", "*.pyc"]
