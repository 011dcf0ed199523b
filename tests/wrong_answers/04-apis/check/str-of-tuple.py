# kind: form
# why: str(error) is "(404, [...])", the args tuple, not "404: <messages>"; the exact str() check must catch it
class ApiError(Exception):
    """An error answer from the API: its HTTP status and the server's messages."""

    def __init__(self, status, messages):
        super().__init__(status, messages)
        self.status = status
        self.messages = messages


def check(response):
    """Return ``response``'s JSON body (None if it has none), or raise ApiError for an error."""
    if response.ok:
        return response.json() if response.content else None
    try:
        messages = response.json()["errors"]["body"]
    except (ValueError, KeyError, TypeError):
        messages = [response.reason]
    raise ApiError(response.status_code, messages)
