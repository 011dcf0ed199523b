# kind: rule
# why: takes the newest release that is not current, which may be newer than current
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases() if release != current]
    for release in reversed(older):  # the newest first
        if deploy(platform, release, seconds):
            return release
    return None
