# kind: rule
# why: a list of steps edited to stop at the first commit, so the rebase is left in progress on a detached HEAD
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    repos.git(repo, "rebase", "--quiet", "--interactive", "--autosquash", "main", branch,
              env={"GIT_SEQUENCE_EDITOR": "sed -i 1s/^pick/edit/"})
