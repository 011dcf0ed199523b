# kind: rule
# why: switches the traffic and never stops the release that had it
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    if not wait_until_ready(green, seconds):
        platform.stop(green)  # never switched to: the live release keeps the traffic
        return False
    blue = platform.live
    platform.route_to(green)  # returns once Nginx no longer sends anything to blue
    platform.set_current(release)
    return True
