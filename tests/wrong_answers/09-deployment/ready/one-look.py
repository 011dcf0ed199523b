# kind: rule
# why: asks /readyz once, and says not ready to a release that would be ready a moment later
def wait_until_ready(server, seconds):
    """Whether ``server``'s /readyz answers 200 within ``seconds``: True as soon as it
    does, False once the time is up."""
    try:
        return requests.get(f"{server.url}/readyz", timeout=seconds).status_code == 200
    except requests.RequestException:
        return False
