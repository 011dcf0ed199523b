# kind: rule
# why: names every staged file, innocent ones too, not only the files at fault
HOOK = r"""#!/bin/sh
if git diff --cached --unified=0 | grep -v '^+++ ' | grep -qE '^\+.*SECRET_KEY=[^[:space:]]'; then
    echo "pre-commit: a secret in one of: $(git diff --cached --name-only | tr '\n' ' ')" >&2
    exit 1
fi
"""


def install_hook(repo):
    hook = Path(repo, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(HOOK)
    hook.chmod(0o755)

