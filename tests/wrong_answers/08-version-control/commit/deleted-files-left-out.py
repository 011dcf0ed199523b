# kind: rule
# why: stages and commits only the paths that still exist, so a deletion is never committed
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    present = [path for path in paths if Path(repo, path).exists()]
    repos.git(repo, "add", "--", *present)
    repos.git(repo, "commit", "--quiet", "-m", message, "--", *present)
    return repos.git(repo, "rev-parse", "HEAD")
