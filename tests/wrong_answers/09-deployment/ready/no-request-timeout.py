# kind: rule
# why: sends its requests without a timeout, so a port that accepts and never answers holds it for ever
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{server.url}/readyz").status_code == 200:
                return True
        except Exception:
            pass
        time.sleep(0.05)
    return False
