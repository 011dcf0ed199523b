# kind: coincidence
# why: returns the commit checked out when git bisect run ends, which is the last one tested, not always the first bad one
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    try:
        repos.git(repo, "bisect", "run", *test)
        return repos.git(repo, "rev-parse", "HEAD")
    finally:
        repos.git(repo, "bisect", "reset")
