# kind: rule
# why: returns the first bad commit but never runs git bisect reset: the bisect stays in progress, on a detached HEAD
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    repos.git(repo, "bisect", "run", *test)
    return repos.git(repo, "rev-parse", "refs/bisect/bad")
