# kind: coincidence
# why: replays the commits one by one and folds each fixup into the commit just before it, which is not always the one it names
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    commits = repos.git(repo, "rev-list", "--reverse", f"main..{branch}").split()
    repos.git(repo, "switch", "--quiet", "-C", branch, "main")
    for commit in commits:
        subject = repos.git(repo, "log", "-1", "--format=%s", commit)
        if subject.startswith("fixup! "):
            repos.git(repo, "cherry-pick", "--no-commit", commit)
            repos.git(repo, "commit", "--quiet", "--amend", "--no-edit")
        else:
            repos.git(repo, "cherry-pick", commit)
