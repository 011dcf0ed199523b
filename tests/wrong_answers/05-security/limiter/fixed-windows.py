# kind: rule
# why: counts in fixed windows (clock() // window) that start again at zero, not over the last window seconds, so failures just before a window ends stop counting at once; failures at +0 and +10 across a window's end must catch it
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.per_address, self.window = per_account, per_address, window
        self.clock = clock
        self.counts = {}  # (key, number of the window): failures in that window

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        number = int(self.clock() // self.window)
        for key in (("account", email), ("address", address)):
            self.counts[key, number] = self.counts.get((key, number), 0) + 1

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        now = self.clock()
        number = int(now // self.window)
        for key, limit in ((("account", email), self.per_account),
                           (("address", address), self.per_address)):
            if self.counts.get((key, number), 0) >= limit:
                return math.ceil((number + 1) * self.window - now)
        return 0
