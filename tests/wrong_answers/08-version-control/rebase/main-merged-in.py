# kind: rule
# why: merges main into the branch instead of replaying it: a merge commit, and the fixups stay
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "switch", "--quiet", branch)
    repos.git(repo, "merge", "--quiet", "--no-edit", "main")
