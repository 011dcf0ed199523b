# kind: rule
# why: drops the fixup! commits instead of folding them in, so the fixes are lost
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    drop = "sed -i -e 's/^pick \\([0-9a-f]*\\) fixup! /drop \\1 fixup! /'"
    repos.git(repo, "rebase", "--quiet", "--interactive", "main", branch,
              env={"GIT_SEQUENCE_EDITOR": drop})
