# kind: rule
# why: tries every commit from the oldest, which runs the test once per commit: a late bug costs about as many runs as there are commits
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    branch = repos.git(repo, "branch", "--show-current")
    commits = repos.git(repo, "rev-list", "--reverse", f"{good}..HEAD").split()
    try:
        for commit in commits:
            repos.git(repo, "switch", "--quiet", "--detach", commit)
            if subprocess.run(test, cwd=repo).returncode != 0:
                return commit
    finally:
        repos.git(repo, "switch", "--quiet", branch)
