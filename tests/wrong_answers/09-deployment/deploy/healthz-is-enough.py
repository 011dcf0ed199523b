# kind: rule
# why: waits for /healthz, which a release answers before it is ready
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
    except ReleaseFailed:
        return False
    alive = False
    deadline = time.monotonic() + seconds
    while not alive and time.monotonic() < deadline:
        try:
            alive = requests.get(f"{green.url}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            time.sleep(0.05)
    if not alive:
        platform.stop(green)  # never switched to: the live release keeps the traffic
        return False
    blue = platform.live
    platform.route_to(green)  # returns once Nginx no longer sends anything to blue
    platform.set_current(release)
    if blue is not None:
        platform.stop(blue)  # gracefully: what it still answers, it finishes
    return True
