# kind: rule
# why: unstages everything, commits the paths, then stages the other files again from the working tree, which stages what was not staged before
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    staged = repos.git(repo, "diff", "--cached", "--name-only", "-z").split("\0")
    others = [path for path in staged if path and path not in paths]
    repos.git(repo, "reset", "--quiet")
    repos.git(repo, "add", "--all", "--", *paths)
    repos.git(repo, "commit", "--quiet", "-m", message)
    if others:
        repos.git(repo, "add", "--", *others)
    return repos.git(repo, "rev-parse", "HEAD")
