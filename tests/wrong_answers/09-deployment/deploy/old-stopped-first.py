# kind: rule
# why: stops the live release before the new one is ready, the naive restart
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    if platform.live is not None:
        platform.stop(platform.live)
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    if not wait_until_ready(green, seconds):
        platform.stop(green)
        return False
    platform.route_to(green)
    platform.set_current(release)
    return True
