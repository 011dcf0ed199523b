# kind: rule
# why: tidies the branch, then rebuilds each commit from its diff with git commit -m, so every commit gets the learner as its author
def tidy(repo, branch):
    """Replay ``branch`` onto ``main`` in ``repo``, each ``fixup!`` commit folded into the
    commit it fixes; ``branch`` is checked out at the end, ``main`` does not move."""
    commits = repos.git(repo, "rev-list", "--reverse", f"main..{branch}").split()
    subjects = {commit: repos.git(repo, "log", "-1", "--format=%s", commit) for commit in commits}
    repos.git(repo, "rebase", "--quiet", "--interactive", "--autosquash", "main", branch,
              env={"GIT_SEQUENCE_EDITOR": "true"})
    tidied = repos.git(repo, "rev-list", "--reverse", f"main..{branch}").split()
    repos.git(repo, "reset", "--quiet", "--hard", "main")
    for commit in tidied:
        change = repos.git(repo, "diff", f"{commit}~", commit)
        repos.git(repo, "apply", "--index", input=change + "\n")
        message = repos.git(repo, "log", "-1", "--format=%B", commit)
        repos.git(repo, "commit", "--quiet", "-m", message)
