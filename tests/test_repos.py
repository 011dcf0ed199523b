"""``course.repos``: lesson 08's repositories behave the same whatever the machine's git settings.

Each test runs real git on repositories in temporary folders.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from course import repos, services

HOSTILE_SETTINGS = """\
[init]
    defaultBranch = trunk
[commit]
    gpgsign = true
[merge]
    conflictStyle = diff3
[pull]
    rebase = true
[core]
    hooksPath = /nonexistent/hooks
"""


@pytest.fixture
def environment(tmp_path, monkeypatch):
    """A learner's home with awkward git settings and no name; os.environ restored after."""
    try:
        services.require("git")
    except services.Missing as missing:
        pytest.skip(str(missing))
    saved = dict(os.environ)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(HOSTILE_SETTINGS)
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_CEILING_DIRECTORIES"):
        os.environ.pop(name, None)
    os.environ.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                       "GIT_DIR": str(tmp_path / "elsewhere")})
    yield home
    os.environ.clear()
    os.environ.update(saved)


def test_the_learners_settings_change_nothing(environment):
    repo = repos.new()
    assert repos.git(repo, "branch", "--show-current") == "main"
    repos.commit(repo, {"notes.txt": "one\ntwo\n"}, "Add notes")  # no gpg, no name: it commits
    assert repos.git(repo, "log", "-1", "--format=%an <%ae>") == f"{repos.NAME} <{repos.EMAIL}>"
    repos.git(repo, "switch", "-c", "topic")
    repos.commit(repo, {"notes.txt": "one\nTWO\n"}, "Shout two")
    repos.git(repo, "switch", "main")
    repos.commit(repo, {"notes.txt": "one\n2\n"}, "Number two")
    merged = subprocess.run(["git", "merge", "topic"], cwd=repo, capture_output=True, text=True)
    assert merged.returncode == 1, "a learner's own subprocess call runs isolated too"
    conflicted = (repo / "notes.txt").read_text()
    assert "<<<<<<<" in conflicted and "|||||||" not in conflicted, \
        "the learner's merge.conflictStyle=diff3 must not apply"


def test_a_command_in_the_wrong_folder_cannot_reach_an_enclosing_repository(
        environment, tmp_path):
    """As in a learner's kernel, started in a folder of the course's clone: after isolate(),
    git run there without a repository of its own fails instead of finding the clone."""
    environ = {key: value for key, value in os.environ.items() if key != "GIT_DIR"}
    outer = tmp_path / "course-clone"
    subprocess.run(["git", "init", "-q", str(outer)], check=True, env=environ)
    work = outer / "exercises" / "08-version-control"
    work.mkdir(parents=True)
    script = ("import subprocess; from course import repos; repos.isolate(); "
              "done = subprocess.run(['git', 'status'], capture_output=True, text=True); "
              "print(done.returncode, done.stderr.strip())")
    done = subprocess.run([sys.executable, "-c", script], cwd=work, env=environ,
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("128 fatal: not a git repository"), done.stdout


def test_a_failure_says_which_command_and_what_git_said(environment):
    repo = repos.new()
    with pytest.raises(repos.GitError) as failure:
        repos.git(repo, "merge", "no-such-branch")
    message = str(failure.value)
    assert message == ("`git merge no-such-branch` failed with exit status 1: merge: "
                       "no-such-branch - not something we can merge")
    repos.commit(repo, {"app.py": "1\n"}, "Add the app")
    with pytest.raises(repos.GitError) as failure:
        repos.git(repo, "commit", "-m", "Fix", "--", "no-such-file.py")
    first, *rest = str(failure.value).splitlines()
    assert first.endswith("failed with exit status 1: error: pathspec 'no-such-file.py' did "
                          "not match any file(s) known to git"), "git's reason on line one"
    assert repos.git(repo, "merge", "no-such-branch", check=False) == ""


def test_a_fixed_date_gives_the_same_hashes_everywhere(environment):
    first, second = repos.new("one"), repos.new("two")
    hashes = [repos.commit(repo, {"app.py": "print('hello')\n"}, "Add the app",
                           date="2026-01-05T10:00:00+00:00") for repo in (first, second)]
    assert hashes[0] == hashes[1] and len(hashes[0]) == 40
    assert first.parent != second.parent, "each repository has a folder of its own"


def test_write_deletes_a_file_given_none(environment):
    repo = repos.new()
    repos.commit(repo, {"a.txt": "a\n", "docs/b.txt": "b\n"}, "Add a and b")
    repos.commit(repo, {"a.txt": None}, "Remove a")
    assert repos.git(repo, "ls-files") == "docs/b.txt"


def test_repositories_are_removed_when_the_process_ends(environment):
    script = "from course import repos; print(repos.new())"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    repo = Path(done.stdout.strip())
    assert repo.name == "repo" and not repo.parent.parent.exists()


def test_a_machine_without_git_is_told_how_to_install_it(environment, tmp_path):
    os.environ["PATH"] = str(tmp_path / "empty")
    with pytest.raises(services.Missing, match="apt-get install git"):
        repos.isolate()
