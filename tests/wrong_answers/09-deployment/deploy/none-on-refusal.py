# kind: form
# why: returns None when it gives up, not False
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    if not wait_until_ready(green, seconds):
        platform.stop(green)  # never switched to: the live release keeps the traffic
        return None
    blue = platform.live
    platform.route_to(green)  # returns once Nginx no longer sends anything to blue
    platform.set_current(release)
    if blue is not None:
        platform.stop(blue)  # gracefully: what it still answers, it finishes
    return True
