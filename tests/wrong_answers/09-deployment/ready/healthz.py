# kind: rule
# why: asks /healthz, which says alive, not ready: a release without its schema passes
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = requests.get(f"{server.url}/healthz",
                                  timeout=max(0.1, min(2, deadline - time.monotonic())))
            if answer.status_code == 200:
                return True
        except requests.RequestException:
            pass  # not listening yet, or too slow to answer: not ready
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
