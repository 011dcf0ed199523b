# kind: catch-all
# why: bisects by hand, taking any failure to run the test for a bad commit: a test command whose path has a space fails to start on every commit, so the first one is blamed
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    repos.git(repo, "bisect", "start", "HEAD", good)
    try:
        while True:
            try:
                subprocess.run(" ".join(test), shell=True, cwd=repo, check=True,
                               capture_output=True)
                said = repos.git(repo, "bisect", "good")
            except Exception:
                said = repos.git(repo, "bisect", "bad")
            if "is the first bad commit" in said:
                return said.split()[0]
    finally:
        repos.git(repo, "bisect", "reset")
