# kind: coincidence
# why: takes the last-but-one folder of releases/, which is the one before current only while current is the newest
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    releases = platform.releases()
    if len(releases) < 2:
        return None
    return releases[-2] if deploy(platform, releases[-2], seconds) else None
