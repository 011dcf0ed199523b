# kind: coincidence
# why: builds one shell command with an f-string: a path with a space, or a message with quotes or $USER, no longer says what it meant
def commit_only(repo, paths, message):
    """Commit the changes of ``paths`` in ``repo`` (as they are in the working tree:
    modified, new or deleted) with ``message``, and nothing else; the new commit's hash."""
    files = " ".join(paths)
    subprocess.run(f"git add --all -- {files} && git commit -q -m \"{message}\" -- {files}",
                   shell=True, cwd=repo, check=True)
    return repos.git(repo, "rev-parse", "HEAD")
