# kind: rule
# why: counts failures for ever, not for window seconds, so a blocked account is locked out for good (and any attacker can lock anyone out)
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.per_address, self.window = per_account, per_address, window
        self.failures = {}

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        for key in (("account", email), ("address", address)):
            self.failures[key] = self.failures.get(key, 0) + 1

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        if (self.failures.get(("account", email), 0) >= self.per_account
                or self.failures.get(("address", address), 0) >= self.per_address):
            return self.window
        return 0
