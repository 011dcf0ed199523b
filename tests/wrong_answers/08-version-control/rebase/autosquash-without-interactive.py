# kind: rule
# why: git 2.39 reads --autosquash only in an interactive rebase: without --interactive the fixups stay
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "--autosquash", "main", branch)
