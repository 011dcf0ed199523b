# kind: rule
# why: when the account is blocked, says its wait and never looks at the address, whose wait may be longer: the login is refused again when the account's ends
class LoginLimiter:
    """Counts failed logins per account and per client address, over the last ``window``
    seconds, and says how long to wait once either has too many."""

    def __init__(self, per_account=5, per_address=20, window=60, clock=time.monotonic):
        self.per_account, self.per_address = per_account, per_address
        self.window, self.clock = window, clock
        self.by_account, self.by_address = {}, {}

    def failed(self, address, email):
        """Record a failed login for ``email`` from ``address``."""
        now = self.clock()
        self.by_account.setdefault(email, []).append(now)
        self.by_address.setdefault(address, []).append(now)

    def wait(self, times, limit, now):
        recent = sorted(t for t in times if now < t + self.window)
        if len(recent) < limit:
            return 0
        return math.ceil(recent[len(recent) - limit] + self.window - now)

    def retry_after(self, address, email):
        """0 if a login for ``email`` from ``address`` may be tried now; else the seconds
        (an int, at least 1) until it may."""
        now = self.clock()
        account = self.wait(self.by_account.get(email, []), self.per_account, now)
        if account:
            return account
        return self.wait(self.by_address.get(address, []), self.per_address, now)
