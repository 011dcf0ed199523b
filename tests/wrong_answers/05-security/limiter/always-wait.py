# kind: catch-all
# why: refuses every login, so no password can be guessed and no user can log in either
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.window = window

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        return self.window
