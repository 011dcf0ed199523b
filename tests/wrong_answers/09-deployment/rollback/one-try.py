# kind: rule
# why: tries the release just before current, and gives up when it is broken instead of trying the one before
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    if older and deploy(platform, older[-1], seconds):
        return older[-1]
    return None
