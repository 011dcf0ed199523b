# kind: rule
# why: a plain git merge fast-forwards when it can, so merging docs makes no merge commit
def merge_branch(repo, branch):
    """Merge ``branch`` into ``main`` with a merge commit, keeping both sides of conflicts in
    CHANGELOG.md; abort and raise ValueError when another file conflicts. The merge's hash."""
    merging = subprocess.run(["git", "merge", "--no-edit", branch], cwd=repo,
                             capture_output=True, text=True)
    if merging.returncode == 0:
        return repos.git(repo, "rev-parse", "HEAD")
    listed = repos.git(repo, "diff", "--name-only", "--diff-filter=U", "-z").split("\0")
    conflicted = [path for path in listed if path]
    if conflicted != ["CHANGELOG.md"]:
        repos.git(repo, "merge", "--abort")
        raise ValueError(f"merging {branch} conflicts in {', '.join(conflicted)}")
    changelog = Path(repo, "CHANGELOG.md")
    kept, inside = [], False
    for line in changelog.read_text().splitlines(keepends=True):
        if not inside and line.startswith("<<<<<<< "):
            inside = True
        elif inside and line.rstrip("\n") == "=======":
            pass
        elif inside and line.startswith(">>>>>>> "):
            inside = False
        else:
            kept.append(line)
    changelog.write_text("".join(kept))
    repos.git(repo, "add", "CHANGELOG.md")
    repos.git(repo, "commit", "--quiet", "--no-edit")
    return repos.git(repo, "rev-parse", "HEAD")
