# kind: coincidence
# why: always retries 3 times, the example's number, whatever retries it is given; the retries=1 check must catch it
def session_with_retries(retries=3, backoff=0.5, timeout=5):
    """A Session that retries 502, 503 and 504 for idempotent methods, with backoff, and
    gives every request ``timeout`` seconds unless it sets its own."""
    default_timeout = timeout

    class TimeoutAdapter(HTTPAdapter):
        def send(self, request, timeout=None, **kwargs):
            if timeout is None:
                timeout = default_timeout
            return super().send(request, timeout=timeout, **kwargs)

    retry = Retry(total=3, backoff_factor=backoff, status_forcelist=[502, 503, 504],
                  allowed_methods=Retry.DEFAULT_ALLOWED_METHODS, raise_on_status=False)
    adapter = TimeoutAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
