# kind: coincidence
# why: rebases whatever is checked out: right when the branch is, but with main checked out it tidies nothing
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "--interactive", "--autosquash", "main",
              env={"GIT_SEQUENCE_EDITOR": "true"})
