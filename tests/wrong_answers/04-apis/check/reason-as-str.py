# kind: form
# why: the fallback is response.reason, a str, which list() turns into letters; the 502 check must require ["Bad Gateway"]
class ApiError(Exception):
    """An error answer from the API: its HTTP status and the server's messages."""

    def __init__(self, status, messages):
        super().__init__(f"{status}: {'; '.join(messages)}")
        self.status = status
        self.messages = list(messages)


def check(response):
    """Return ``response``'s JSON body (None if it has none), or raise ApiError for an error."""
    if response.ok:
        return response.json() if response.content else None
    try:
        messages = response.json()["errors"]["body"]
    except (ValueError, KeyError, TypeError):
        messages = response.reason
    raise ApiError(response.status_code, messages)
