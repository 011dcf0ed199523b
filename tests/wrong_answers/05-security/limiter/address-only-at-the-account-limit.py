# kind: rule
# why: counts failures per address only, with the account's limit: bob's 5 wrong passwords lock everyone behind that address out, alice too, and bob from another computer goes on guessing
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.window, self.clock = per_account, window, clock
        self.failures = {}

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        self.failures.setdefault(address, []).append(self.clock())

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        now = self.clock()
        counting = sorted(t for t in self.failures.get(address, []) if now < t + self.window)
        if len(counting) < self.per_account:
            return 0
        return math.ceil(counting[len(counting) - self.per_account] + self.window - now)
