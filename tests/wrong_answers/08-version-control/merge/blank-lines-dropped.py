# kind: rule
# why: drops the blank lines of each side of a conflict; every line of both sides must be kept
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
    # blank lines of each side dropped in the resolution
    merged = subprocess.run(["git", "merge", "--no-ff", "--no-edit", "--quiet", branch],
                            cwd=repo, capture_output=True)
    if merged.returncode:
        conflicted = conflicts(repo)
        if conflicted != ["CHANGELOG.md"]:
            repos.git(repo, "merge", "--abort")
            raise ValueError(f"conflicts in {', '.join(conflicted)}")
        changelog = Path(repo, "CHANGELOG.md")
        kept, ours, theirs, side = [], [], [], None
        for line in changelog.read_text().splitlines(keepends=True):
            if side is None and line.startswith("<<<<<<< "):
                side = ours
            elif side is ours and line == "=======\n":
                side = theirs
            elif side is theirs and line.startswith(">>>>>>> "):
                kept += [l for l in ours + theirs if l.strip()]
                ours, theirs, side = [], [], None
            elif side is None:
                kept.append(line)
            else:
                side.append(line)
        changelog.write_text("".join(kept))
        repos.git(repo, "add", "CHANGELOG.md")
        repos.git(repo, "commit", "--quiet", "--no-edit")
    return repos.git(repo, "rev-parse", "HEAD")
