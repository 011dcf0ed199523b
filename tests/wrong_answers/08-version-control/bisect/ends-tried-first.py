# kind: rule
# why: runs the test on good and on HEAD first, to be sure, which git bisect run never needs: two runs more than the limit allows
def first_bad(repo, good, test):
    """The full hash of the first commit after ``good`` up to HEAD in ``repo`` where the
    command ``test`` fails, found by ``git bisect run``; the repository is left as it was."""
    branch = repos.git(repo, "branch", "--show-current")
    repos.git(repo, "switch", "--quiet", "--detach", good)
    assert subprocess.run(test, cwd=repo).returncode == 0, f"{good} is not good"
    repos.git(repo, "switch", "--quiet", branch)
    assert subprocess.run(test, cwd=repo).returncode != 0, "HEAD is not bad"
    repos.git(repo, "bisect", "start", "HEAD", good)
    try:
        repos.git(repo, "bisect", "run", *test)
        return repos.git(repo, "rev-parse", "refs/bisect/bad")
    finally:
        repos.git(repo, "bisect", "reset")
