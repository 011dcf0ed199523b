# kind: rule
# why: keeps the branch's lines before main's, not after
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
    text = changelog.read_text()
    text = re.sub(r"<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n", r"\2\1", text,
                  flags=re.DOTALL)
    changelog.write_text(text)
    repos.git(repo, "add", "CHANGELOG.md")
    repos.git(repo, "commit", "--quiet", "--no-edit")
    return repos.git(repo, "rev-parse", "HEAD")
