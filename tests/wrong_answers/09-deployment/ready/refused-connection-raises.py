# kind: rule
# why: lets requests' ConnectionError out of the function when nothing listens
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if requests.get(f"{server.url}/readyz", timeout=2).status_code == 200:
            return True
        time.sleep(0.05)
    return False
