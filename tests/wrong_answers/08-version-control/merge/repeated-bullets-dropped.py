# kind: rule
# why: drops a bullet already seen in the file, so '- Bug fixes.' of a second release is lost
def keep_both_sides(text):
    """``text`` with each conflict resolved by keeping our lines, then theirs."""
    kept, ours, theirs, side = [], [], [], None
    for line in text.splitlines(keepends=True):
        if side is None and line.startswith("<<<<<<< "):
            side = ours
        elif side is ours and line.rstrip("\r\n") == "=======":
            side = theirs
        elif side is theirs and line.startswith(">>>>>>> "):
            kept += ours + theirs
            ours, theirs, side = [], [], None
        elif side is None:
            kept.append(line)
        else:
            side.append(line)
    return "".join(kept)


def conflicts(repo):
    listed = repos.git(repo, "diff", "--name-only", "--diff-filter=U", "-z")
    return [path for path in listed.split("\0") if path]


def merge_branch(repo, branch):
    # drops lines that both sides added (a set)
    merged = subprocess.run(["git", "merge", "--no-ff", "--no-edit", "--quiet", branch], cwd=repo)
    if merged.returncode:
        conflicted = conflicts(repo)
        if conflicted != ["CHANGELOG.md"]:
            repos.git(repo, "merge", "--abort")
            raise ValueError(f"conflicts in {conflicted}")
        changelog = Path(repo, "CHANGELOG.md")
        kept, seen = [], set()
        for line in keep_both_sides(changelog.read_text()).splitlines(keepends=True):
            if line.startswith("- ") and line in seen:
                continue
            seen.add(line)
            kept.append(line)
        changelog.write_text("".join(kept))
        repos.git(repo, "add", "CHANGELOG.md")
        repos.git(repo, "commit", "--quiet", "--no-edit")
    return repos.git(repo, "rev-parse", "HEAD")
