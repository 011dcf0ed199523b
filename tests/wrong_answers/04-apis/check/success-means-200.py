# kind: coincidence
# why: only 200 counts as success (the demo reads are all 200), so a 201 or 204 raises ApiError; the 201 and 204 checks must catch it
class ApiError(Exception):
    """An error answer from the API: its HTTP status and the server's messages."""

    def __init__(self, status, messages):
        super().__init__(f"{status}: {'; '.join(messages)}")
        self.status = status
        self.messages = list(messages)


def check(response):
    """Return ``response``'s JSON body (None if it has none), or raise ApiError for an error."""
    if response.status_code == 200:
        return response.json()
    try:
        messages = response.json()["errors"]["body"]
    except (ValueError, KeyError, TypeError):
        messages = [response.reason]
    raise ApiError(response.status_code, messages)
