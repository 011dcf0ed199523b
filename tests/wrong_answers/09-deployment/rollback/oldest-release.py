# kind: rule
# why: goes back to the oldest release, not to the one before current
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    releases = platform.releases()
    if not releases or releases[0] == platform.current():
        return None
    return releases[0] if deploy(platform, releases[0], seconds) else None
