"""Real git repositories for lesson 08, its assignment and the tests, in temporary folders.

Every repository lives in a fresh folder of its own, removed when the Python process ends, so
the learner's own clone of the course is never touched. ``isolate()`` makes every git command
of this process (``repos.git`` and a learner's own ``subprocess.run(["git", ...])`` alike)
behave the same on every machine::

    from course import repos

    repos.isolate()
    repo = repos.new()                      # an empty repository on branch main
    repos.commit(repo, {"app.py": "print('hello')\\n"}, "Add the app")
    print(repos.git(repo, "log", "--oneline"))

What ``isolate()`` does, and why:

- the learner's own settings (``~/.gitconfig``, ``/etc/gitconfig``) are not read: a
  ``merge.conflictStyle``, ``pull.rebase`` or ``commit.gpgsign`` of theirs would change what
  the commands do. A configuration of its own takes their place, with a name and an email, so
  a machine where ``user.name`` was never set can still commit;
- git never looks above the working folder for a repository (``GIT_CEILING_DIRECTORIES``): a
  command run in the wrong folder fails with "not a git repository" instead of acting on the
  course's own clone;
- git never waits for a password or an editor: a command that would open one fails or goes on.

A machine without git raises ``services.Missing`` with the command that installs it.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from course import services

NAME, EMAIL = "Ada Learner", "ada@example.com"
SETTINGS = f"""\
[user]
\tname = {NAME}
\temail = {EMAIL}
[init]
\tdefaultBranch = main
[advice]
\tdetachedHead = false
\tskippedCherryPicks = false
[core]
\tpager = cat
[color]
\tui = false
"""
_root = None  # the folder all of this process's repositories live in


class GitError(subprocess.CalledProcessError):
    """A git command failed; its message is the command and what git wrote."""

    def __str__(self):
        """One line first, with git's reason in it (a report may show only that line), then
        everything git wrote."""
        lines = (self.stderr or self.stdout or "").strip().splitlines()
        reasons = [line for line in lines if line.startswith(("fatal:", "error:"))]
        headline = f"`{' '.join(self.cmd)}` failed with exit status {self.returncode}"
        if not lines:
            return headline
        return f"{headline}: {(reasons or lines)[0]}" + (
            "\n" + "\n".join(lines) if len(lines) > 1 else "")


def scratch():
    """The folder this process keeps its repositories in, made on first use and removed when
    the process ends."""
    global _root
    if _root is None or not _root.is_dir():
        _root = Path(tempfile.mkdtemp(prefix="course-git-"))
        atexit.register(shutil.rmtree, _root, ignore_errors=True)
    return _root


def isolate():
    """Make every git command this process runs, and those of its children, independent of
    the machine's and the learner's git settings (see the module's docstring). Idempotent."""
    services.require("git")
    settings = scratch() / "gitconfig"
    settings.write_text(SETTINGS)
    os.environ.update({
        "GIT_CONFIG_GLOBAL": str(settings),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(Path.cwd().parent),
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_EDITOR": "true",  # a commit or merge that would open an editor keeps its message
        "GIT_PAGER": "cat",
    })
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME",
                 "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        os.environ.pop(name, None)


def _isolated():
    """Isolate this process unless ``isolate()`` already did (and nothing undid it since), so
    that each git command does not write the settings file and look for git again."""
    settings = scratch() / "gitconfig"
    if os.environ.get("GIT_CONFIG_GLOBAL") != str(settings) or not settings.is_file():
        isolate()


def new(name="repo", bare=False):
    """A new, empty repository on branch ``main``, in a fresh folder: its path."""
    _isolated()
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch())) / name
    git(folder.parent, "init", "--quiet", *(["--bare"] if bare else []), name)
    return folder


def git(repo, *args, check=True, input=None, env=None):
    """Run ``git args`` in the folder ``repo`` and return what it printed (stdout), without
    the last newline. A failure raises ``GitError`` with git's own message, unless
    ``check=False``."""
    _isolated()
    command = ["git", *map(str, args)]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, input=input,
                          env={**os.environ, **(env or {})})
    if check and done.returncode:
        raise GitError(done.returncode, command, done.stdout, done.stderr)
    return done.stdout.removesuffix("\n")


def write(repo, files):
    """Write ``files`` (a dict: path inside ``repo`` to text) into ``repo``'s working tree;
    a value of None deletes the file."""
    for path, text in files.items():
        target = Path(repo) / path
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)


def commit(repo, files, message, date=None):
    """Write ``files`` (as ``write``), stage them and commit them with ``message``: the new
    commit's full hash. ``date`` (e.g. ``"2026-01-05T10:00:00+00:00"``) fixes its author and
    committer date, so the same history gets the same hashes on every machine."""
    write(repo, files)
    git(repo, "add", "--all", "--", *files)
    when = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message, env=when)
    return git(repo, "rev-parse", "HEAD")
