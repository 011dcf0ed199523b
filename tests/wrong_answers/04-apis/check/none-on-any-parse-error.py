# kind: catch-all
# why: any body that is not JSON reads as "no body", so a 200 HTML page from a proxy returns None; the 200-with-HTML check must catch it
class ApiError(Exception):
    """An error answer from the API: its HTTP status and the server's messages."""

    def __init__(self, status, messages):
        super().__init__(f"{status}: {'; '.join(messages)}")
        self.status = status
        self.messages = list(messages)


def check(response):
    """Return ``response``'s JSON body (None if it has none), or raise ApiError for an error."""
    try:
        body = response.json()
    except Exception:
        body = None
    if response.ok:
        return body
    try:
        messages = body["errors"]["body"]
    except Exception:
        messages = [response.reason]
    raise ApiError(response.status_code, messages)
