# kind: rule
# why: reads git diff without --cached, the changes not staged, which are not what the commit holds
def install_hook(repo):
    """Install in ``repo`` a pre-commit hook that refuses to commit a value for SECRET_KEY."""
    hook = Path(repo, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!{sys.executable}\n" + PRE_COMMIT)
    hook.chmod(0o755)


PRE_COMMIT = r"""# pre-commit: refuse a commit whose staged changes add a value for SECRET_KEY.
import re
import subprocess
import sys

SECRET = re.compile(r"SECRET_KEY=\S")


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def added_lines(path):
    diff = git("diff", "--unified=0", "--no-color", "--", path)
    hunks = diff.split("\n@@")[1:]
    return [line[1:] for hunk in hunks for line in hunk.splitlines()[1:]
            if line.startswith("+")]


staged = git("diff", "--cached", "--name-only", "-z").split("\0")
leaks = [path for path in staged
         if path and any(SECRET.search(line) for line in added_lines(path))]

if leaks:
    print(f"pre-commit: a value for SECRET_KEY is staged in {', '.join(leaks)}",
          file=sys.stderr)
    sys.exit(1)
"""
