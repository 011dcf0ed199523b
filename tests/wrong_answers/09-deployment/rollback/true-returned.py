# kind: form
# why: returns True when it rolled back, not the release's id
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in reversed(older):  # the newest first
        if deploy(platform, release, seconds):
            return True
    return None
