# kind: form
# why: returns the abbreviated hash git prints, not the full one
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    repos.git(repo, "add", "--all", "--", *paths)
    repos.git(repo, "commit", "--quiet", "-m", message, "--", *paths)
    return repos.git(repo, "rev-parse", "--short", "HEAD")
