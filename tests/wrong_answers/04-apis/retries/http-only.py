# kind: rule
# why: mounts the adapter on http:// only, so https:// URLs get no retries and no timeout; the https:// check must catch it
def session_with_retries(retries=3, backoff=0.5, timeout=5):
    """A Session that retries 502, 503 and 504 for idempotent methods, with backoff, and
    gives every request ``timeout`` seconds unless it sets its own."""
    default_timeout = timeout

    class TimeoutAdapter(HTTPAdapter):
        def send(self, request, timeout=None, **kwargs):
            if timeout is None:
                timeout = default_timeout
            return super().send(request, timeout=timeout, **kwargs)

    retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=[502, 503, 504],
                  allowed_methods=Retry.DEFAULT_ALLOWED_METHODS, raise_on_status=False)
    session = requests.Session()
    session.mount("http://", TimeoutAdapter(max_retries=retry))
    return session
