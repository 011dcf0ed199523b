# kind: rule
# why: counts failures per address only, so one account guessed from many computers is never blocked
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_address, self.window, self.clock = per_address, window, clock
        self.failures = {}

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        self.failures.setdefault(address, []).append(self.clock())

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        now = self.clock()
        counting = sorted(t for t in self.failures.get(address, []) if now < t + self.window)
        if len(counting) < self.per_address:
            return 0
        return math.ceil(counting[len(counting) - self.per_address] + self.window - now)
