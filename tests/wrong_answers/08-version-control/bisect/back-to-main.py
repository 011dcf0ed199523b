# kind: coincidence
# why: ends with git switch main instead of git bisect reset: right branch only when it is main, and the bisect stays in progress
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    repos.git(repo, "bisect", "run", *test)
    found = repos.git(repo, "rev-parse", "refs/bisect/bad")
    repos.git(repo, "switch", "--quiet", "main")
    return found
