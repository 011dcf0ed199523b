# kind: form
# why: returns the last status code it got, 200 or 503, instead of True or False
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    deadline = time.monotonic() + seconds
    status = 0
    while time.monotonic() < deadline:
        try:
            status = requests.get(f"{server.url}/readyz", timeout=2).status_code
        except requests.RequestException:
            status = 0
        if status == 200:
            break
        time.sleep(0.05)
    return status
