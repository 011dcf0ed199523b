# kind: form
# why: returns what git bisect run printed, not the hash
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    try:
        return repos.git(repo, "bisect", "run", *test)
    finally:
        repos.git(repo, "bisect", "reset")
