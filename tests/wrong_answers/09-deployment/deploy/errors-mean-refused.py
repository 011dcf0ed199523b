# kind: catch-all
# why: wraps the whole deploy in try/except Exception and answers False, hiding the crash of its own mistake
def deploy(platform, release, seconds=10):
    """Blue-green: start ``release``, send it the traffic only once it is ready, then stop
    the old one. True if it took the traffic; False (the old one kept it) if not."""
    try:
        green = platform.start(release)
        if not wait_until_ready(green, seconds):
            platform.stop(green)
            return False
        platform.route_to(green)
        platform.set_current(green)
        platform.stop(platform.servers[0])
        return True
    except Exception:
        return False
