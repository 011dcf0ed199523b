# kind: rule
# why: gives each request a 10 s timeout, so a port that never answers holds it far past seconds
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(f"{server.url}/readyz", timeout=10).status_code == 200:
                return True
        except Exception:
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
