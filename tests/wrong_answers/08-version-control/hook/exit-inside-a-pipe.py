# kind: rule
# why: a shell hook whose exit 1 runs in the subshell of a pipe (| while read): it ends only that subshell, and the script's own exit 0 lets every commit in
def install_hook(repo):
    """Install in ``repo`` a pre-commit hook that refuses to commit a value for SECRET_KEY."""
    hook = Path(repo, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(PRE_COMMIT)
    hook.chmod(0o755)


PRE_COMMIT = r"""#!/bin/sh
# Refuse a commit whose staged changes add a value for SECRET_KEY.
git diff --cached --name-only | while read -r file; do
    if git diff --cached -U0 -- "$file" | grep -q '^+.*SECRET_KEY=[^[:space:]]'; then
        echo "pre-commit: a value for SECRET_KEY is staged in $file" >&2
        exit 1
    fi
done
exit 0
"""
