# kind: coincidence
# why: ignores the limits it is given and keeps the defaults (5, 20, 60 s), which are the example's; a limiter made with other limits must catch it
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.per_address, self.window = 5, 20, 60
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
        wait = 0
        for key, limit in ((("account", email), self.per_account),
                           (("address", address), self.per_address)):
            counting = sorted(t for t in self.failures.get(key, []) if now < t + self.window)
            if len(counting) >= limit:
                wait = max(wait, math.ceil(counting[len(counting) - limit] + self.window - now))
        return wait
