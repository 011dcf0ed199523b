# kind: coincidence
# why: names main as the bad commit instead of HEAD: on another branch, main may be the good commit itself
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "main", good)
    try:
        repos.git(repo, "bisect", "run", *test)
        return repos.git(repo, "rev-parse", "refs/bisect/bad")
    finally:
        repos.git(repo, "bisect", "reset")
