# kind: coincidence
# why: drops every line that looks like a marker, so a title underlined with ======= loses its underline
def merge_branch(repo, branch):
    """Merge ``branch`` into ``main`` with a merge commit, keeping both sides of conflicts in
    CHANGELOG.md; abort and raise ValueError when another file conflicts. The merge's hash."""
    merging = subprocess.run(["git", "merge", "--no-ff", "--no-edit", branch], cwd=repo,
                             capture_output=True, text=True)
    if merging.returncode == 0:
        return repos.git(repo, "rev-parse", "HEAD")
    listed = repos.git(repo, "diff", "--name-only", "--diff-filter=U", "-z").split("\0")
    conflicted = [path for path in listed if path]
    if conflicted != ["CHANGELOG.md"]:
        repos.git(repo, "merge", "--abort")
        raise ValueError(f"merging {branch} conflicts in {', '.join(conflicted)}")
    changelog = Path(repo, "CHANGELOG.md")
    kept = [line for line in changelog.read_text().splitlines(keepends=True)
            if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    changelog.write_text("".join(kept))
    repos.git(repo, "add", "CHANGELOG.md")
    repos.git(repo, "commit", "--quiet", "--no-edit")
    return repos.git(repo, "rev-parse", "HEAD")
