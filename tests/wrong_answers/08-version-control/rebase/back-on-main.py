# kind: rule
# why: switches back to main at the end, though the branch must stay checked out
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "--interactive", "--autosquash", "main", branch,
              env={"GIT_SEQUENCE_EDITOR": "true"})
    repos.git(repo, "switch", "--quiet", "main")
