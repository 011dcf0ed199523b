# kind: rule
# why: adds the paths, then commits the whole index, with the change staged for server/users.py
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    repos.git(repo, "add", "--", *paths)
    repos.git(repo, "commit", "--quiet", "-m", message)
    return repos.git(repo, "rev-parse", "HEAD")
