# kind: rule
# why: points current back at the older release and leaves the bad one serving every request
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in reversed(older):  # the newest first
        platform.set_current(release)
        return release
    return None
