# kind: coincidence
# why: keeps only the first message, since every demo error has one; the check with two messages must catch it
class ApiError(Exception):
    """An error answer from the API: its HTTP status and the server's messages."""

    def __init__(self, status, messages):
        super().__init__(f"{status}: {messages[0]}")
        self.status = status
        self.messages = list(messages)


def check(response):
    """Return ``response``'s JSON body (None if it has none), or raise ApiError for an error."""
    if response.ok:
        return response.json() if response.content else None
    try:
        messages = response.json()["errors"]["body"][:1]
    except (ValueError, KeyError, TypeError):
        messages = [response.reason]
    raise ApiError(response.status_code, messages)
