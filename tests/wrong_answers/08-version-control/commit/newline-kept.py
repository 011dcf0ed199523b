# kind: form
# why: returns git's output as it came, with its newline
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    repos.git(repo, "add", "--all", "--", *paths)
    repos.git(repo, "commit", "--quiet", "-m", message, "--", *paths)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                          text=True).stdout
