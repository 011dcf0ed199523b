# kind: rule
# why: a plain rebase replays the branch onto main, fixup! commits and all
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "main", branch)
