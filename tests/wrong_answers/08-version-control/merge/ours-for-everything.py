# kind: rule
# why: -X ours settles every conflict for main, so the branch's changelog lines are lost and an app.py conflict raises nothing
def merge_branch(repo, branch):
    """Merge ``branch`` into ``main`` with a merge commit, keeping both sides of conflicts in
    CHANGELOG.md; abort and raise ValueError when another file conflicts. The merge's hash."""
    repos.git(repo, "merge", "--no-ff", "--no-edit", "-X", "ours", branch)
    return repos.git(repo, "rev-parse", "HEAD")
