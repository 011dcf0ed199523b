# kind: rule
# why: switches Nginx to the older release as soon as it has started, without the deploy's readiness check
def rollback(platform, seconds=10):
    """Deploy again the newest release older than ``current`` that can be deployed; its id,
    or None when there is none (and nothing changed)."""
    current = platform.current()
    older = [release for release in platform.releases()
             if current is None or release < current]
    for release in reversed(older):  # the newest first
        try:
            server = platform.start(release)
        except ReleaseFailed:
            continue
        old = platform.live
        platform.route_to(server)
        platform.set_current(release)
        platform.stop(old)
        return release
    return None
