# kind: rule
# why: takes older[-1] without checking there is one: rolling back from the oldest release crashes
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in [older[-1], *reversed(older[:-1])]:
        if deploy(platform, release, seconds):
            return release
    return None
