# kind: rule
# why: its own binary search with git switch, no git bisect run at all
def first_bad(repo, good, test):
    # my own binary search, no git bisect
    branch = repos.git(repo, "branch", "--show-current")
    commits = repos.git(repo, "rev-list", "--reverse", f"{good}..HEAD").split()
    low, high = 0, len(commits) - 1      # commits[high] is bad
    try:
        while low < high:
            middle = (low + high) // 2
            repos.git(repo, "switch", "--quiet", "--detach", commits[middle])
            if subprocess.run(test, cwd=repo).returncode == 0:
                low = middle + 1
            else:
                high = middle
    finally:
        repos.git(repo, "switch", "--quiet", branch)
    return commits[high]
