# kind: rule
# why: git add --all commits every change of the working tree, not only the paths
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    repos.git(repo, "add", "--all")
    repos.git(repo, "commit", "--quiet", "-m", message)
    return repos.git(repo, "rev-parse", "HEAD")
