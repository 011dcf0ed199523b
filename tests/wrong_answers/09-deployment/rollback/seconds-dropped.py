# kind: rule
# why: deploys each older release without its seconds, so each never-ready one is waited for 10 s
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in reversed(older):  # the newest first
        if deploy(platform, release):
            return release
    return None
