# kind: rule
# why: names only the first file at fault when a commit holds several
HOOK = r"""#!/bin/sh
git diff --cached --name-only -z | xargs -0 -I{} sh -c 'git diff --cached --unified=0 -- "{}" | grep -v "^+++ " | grep -qE "^\+.*SECRET_KEY=[^[:space:]]" && echo "{}"' > /tmp/pre-commit-at-fault.$$
if [ -s /tmp/pre-commit-at-fault.$$ ]; then
    echo "pre-commit: a secret in $(head -1 /tmp/pre-commit-at-fault.$$)" >&2
    rm -f /tmp/pre-commit-at-fault.$$
    exit 1
fi
rm -f /tmp/pre-commit-at-fault.$$
"""


def install_hook(repo):
    hook = Path(repo, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(HOOK)
    hook.chmod(0o755)

