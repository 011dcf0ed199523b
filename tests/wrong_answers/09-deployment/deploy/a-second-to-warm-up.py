# kind: coincidence
# why: sleeps a second instead of asking /readyz: long enough for the example's release, and switches to one that is never ready
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    time.sleep(1)
    blue = platform.live
    platform.route_to(green)  # returns once Nginx no longer sends anything to blue
    platform.set_current(release)
    if blue is not None:
        platform.stop(blue)  # gracefully: what it still answers, it finishes
    return True
