# kind: rule
# why: once blocked, always says to wait the whole window, not the time until enough failures stop counting
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.per_address, self.window = per_account, per_address, window
        self.clock = clock
        self.failures = {}

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        for key in (("account", email), ("address", address)):
            self.failures.setdefault(key, []).append(self.clock())

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        now = self.clock()
        for key, limit in ((("account", email), self.per_account),
                           (("address", address), self.per_address)):
            counting = [t for t in self.failures.get(key, []) if now < t + self.window]
            if len(counting) >= limit:
                return self.window
        return 0
