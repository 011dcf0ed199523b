# kind: form
# why: joins the command into one string for sh, so a script with spaces and quotes is split into other words
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    try:
        repos.git(repo, "bisect", "run", "sh", "-c", " ".join(test))
        return repos.git(repo, "rev-parse", "refs/bisect/bad")
    finally:
        repos.git(repo, "bisect", "reset")
