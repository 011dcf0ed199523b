# kind: catch-all
# why: tries the commit without staging new files first, and hides git's failure behind an empty hash
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    try:
        repos.git(repo, "commit", "--quiet", "-m", message, "--", *paths)
        return repos.git(repo, "rev-parse", "HEAD")
    except repos.GitError:
        return ""
