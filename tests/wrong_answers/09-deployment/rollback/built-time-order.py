# kind: coincidence
# why: orders the releases by when their folders were written, not by their ids
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    folder = platform.root / "releases"
    ordered = sorted(platform.releases(), key=lambda name: (folder / name).stat().st_mtime)
    older = ordered[:ordered.index(current)] if current in ordered else []
    for release in reversed(older):  # the newest first
        if deploy(platform, release, seconds):
            return release
    return None
