# kind: catch-all
# why: deploys current again when there is nothing older, and reports it as the rollback
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in reversed(older):  # the newest first
        if deploy(platform, release, seconds):
            return release
    return current if deploy(platform, current, seconds) else None
