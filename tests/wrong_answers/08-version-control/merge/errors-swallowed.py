# kind: catch-all
# why: catches every failure of git and returns None, so a conflict is neither resolved nor reported
def merge_branch(repo, branch):
    """Merge ``branch`` into ``main`` with a merge commit, keeping both sides of conflicts in
    CHANGELOG.md; abort and raise ValueError when another file conflicts. The merge's hash."""
    try:
        repos.git(repo, "merge", "--no-ff", "--no-edit", branch)
        return repos.git(repo, "rev-parse", "HEAD")
    except repos.GitError:
        subprocess.run(["git", "merge", "--abort"], cwd=repo)
        return None
