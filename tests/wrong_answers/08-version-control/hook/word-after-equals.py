# kind: rule
# why: SECRET_KEY=\w misses quoted values and $(...): SECRET_KEY="s3cr3t" and export SECRET_KEY=$(cat /run/key) get in
HOOK = f"""#!{sys.executable}
import re, subprocess, sys
names = subprocess.run(['git', 'diff', '--cached', '--name-only', '-z'],
                       capture_output=True, text=True).stdout.split('\\0')
bad = []
for n in names:
    if not n:
        continue
    diff = subprocess.run(['git', 'diff', '--cached', '--unified=0'] + ['--', n], capture_output=True, text=True).stdout
    lines = [l for l in diff.splitlines() if l.startswith('+') and not l.startswith('+++ ')]
    if any(re.search(r'SECRET_KEY=\\w', l) for l in lines):
        bad.append(n)
if bad:
    print('pre-commit: secrets in ' + ', '.join(bad), file=sys.stderr)
    sys.exit(1)
"""


def install_hook(repo):
    hook = Path(repo, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(HOOK)
    hook.chmod(0o755)

