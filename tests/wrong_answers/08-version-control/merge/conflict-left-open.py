# kind: rule
# why: leaves the CHANGELOG.md conflict unresolved and the merge in progress, and returns the old HEAD
def merge_branch(repo, branch):
    subprocess.run(["git", "merge", "--no-ff", "--no-edit", branch], cwd=repo, capture_output=True)
    return repos.git(repo, "rev-parse", "HEAD")
