# kind: rule
# why: a body not in the API's shape becomes the whole HTML page as the message, not a short description; the 502 check must catch it
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
        messages = [response.text]
    raise ApiError(response.status_code, messages)
