# kind: rule
# why: asks once a second, int(seconds) times, not every 0.05 to 0.1 s: it misses the moment a release gets ready
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    for _ in range(max(1, int(seconds))):
        try:
            if requests.get(f"{server.url}/readyz", timeout=1).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False
