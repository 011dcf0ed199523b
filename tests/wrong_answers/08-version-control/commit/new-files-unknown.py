# kind: rule
# why: git commit -- PATH knows only tracked files, so a new file makes git fail
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    repos.git(repo, "commit", "--quiet", "-m", message, "--", *paths)
    return repos.git(repo, "rev-parse", "HEAD")
