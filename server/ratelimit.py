"""Rate limits on logging in and registering, so that passwords cannot be guessed at speed.

Three counts are kept, each in a fixed window of ``RATE_LIMIT_WINDOW_SECONDS`` (window number
``int(now // window)``, so every worker agrees on which window it is):

- failed logins per account (email), from any address: one account attacked from many
  addresses is stopped;
- failed logins per client address, for any emails: one address trying many accounts is
  stopped;
- registrations per client address, accepted or refused: one address making accounts in bulk,
  or asking which emails are taken, is stopped.

Only failed logins count towards the login limits, so a person who logs in often is never
refused; once a limit is reached, every login it covers (even with the right password) gets
429 until the window ends, and ``Retry-After`` says in how many seconds. The counts live where
every worker process sees them: in the database (the ``ratelimitcount`` table), or in Redis
when ``REDIS_URL`` is set.
"""

import ipaddress
import math
import time

import peewee
from bottle import request

from .database import db, is_deadlock
from .errors import api_error
from .models import RateLimitCount
from .redis_store import connect_redis, redis_namespace

# The limits by name: the setting that holds each one, and what a refusal says.
RULES = {
    "login-account": ("LOGIN_FAILURES_PER_ACCOUNT", "failed logins to this account"),
    "login-address": ("LOGIN_FAILURES_PER_ADDRESS", "failed logins from your address"),
    "register-address": ("REGISTRATIONS_PER_ADDRESS", "registrations from your address"),
}


class DatabaseCounts:
    """Counts in the database's ``ratelimitcount`` table, one row per key and window."""

    def count(self, key, window):
        row = RateLimitCount.get_or_none((RateLimitCount.key == key)
                                         & (RateLimitCount.window == window))
        return 0 if row is None else row.count

    def add(self, key, window, seconds):
        """Add one to the count, in one statement so that concurrent workers lose nothing;
        then forget the windows that have ended."""
        insert = RateLimitCount.insert(key=key, window=window, count=1)
        add_one = {RateLimitCount.count: RateLimitCount.count + 1}
        if isinstance(db.obj, peewee.MySQLDatabase):  # ON DUPLICATE KEY UPDATE
            insert.on_conflict(update=add_one).execute()
        else:  # ON CONFLICT (key, window) DO UPDATE
            insert.on_conflict(conflict_target=[RateLimitCount.key, RateLimitCount.window],
                               update=add_one).execute()
        try:
            RateLimitCount.delete().where(RateLimitCount.window < window).execute()
        except peewee.OperationalError as error:
            if not is_deadlock(error):
                raise  # else another worker was deleting the same rows, which go either way


class RedisCounts:
    """Counts in Redis, one key per count and window, which Redis deletes once it has ended."""

    def __init__(self, url, namespace):
        self.redis = connect_redis(url)
        self.prefix = f"conduit:ratelimit:{namespace}:"

    def count(self, key, window):
        return int(self.redis.get(f"{self.prefix}{key}:{window}") or 0)

    def add(self, key, window, seconds):
        name = f"{self.prefix}{key}:{window}"
        with self.redis.pipeline() as pipe:  # MULTI ... EXEC: both or neither
            pipe.incr(name).expire(name, seconds + 1).execute()


class RateLimiter:
    """Checks and counts logins and registrations against the configured limits.

    ``clock`` gives the time in seconds; tests replace it to move to the next window.
    """

    def __init__(self, config):
        self.config = config
        self.enabled = config["RATE_LIMITS"] == "on"
        self.seconds = config["RATE_LIMIT_WINDOW_SECONDS"]
        self.proxies = {address.strip() for address in config["TRUSTED_PROXIES"].split(",")
                        if address.strip()}
        self.clock = time.time
        if config["REDIS_URL"]:
            self.counts = RedisCounts(config["REDIS_URL"], redis_namespace(config))
        else:
            self.counts = DatabaseCounts()

    def check(self, rule, subject):
        """Raise a 429 when ``subject`` (an email or an address) has reached ``rule``'s limit."""
        if not self.enabled:
            return
        setting, what = RULES[rule]
        limit = self.config[setting]
        now = self.clock()
        window = int(now // self.seconds)
        if self.counts.count(f"{rule}:{subject}", window) >= limit:
            retry_after = max(1, math.ceil((window + 1) * self.seconds - now))
            raise api_error(429, f"too many {what}: at most {limit} in "
                                 f"{self.seconds} seconds; try again in {retry_after} seconds",
                            headers={"Retry-After": str(retry_after)})

    def add(self, rule, subject):
        """Count one more for ``subject`` under ``rule`` in the current window."""
        if self.enabled:
            window = int(self.clock() // self.seconds)
            self.counts.add(f"{rule}:{subject}", window, self.seconds)

    def client(self):
        """Who is calling: the connection's address, or, from a trusted proxy, the address the
        proxy put last in ``X-Forwarded-For`` (the addresses before it are the client's own
        words). The access log shows it too."""
        address = request.environ.get("REMOTE_ADDR") or "unknown"
        forwarded = request.environ.get("HTTP_X_FORWARDED_FOR", "")
        if address in self.proxies and forwarded.strip():
            address = forwarded.split(",")[-1].strip()
        return address

    def client_address(self):
        """The caller as the limits count it: ``client()``, an IPv6 address as its /64
        network, since one machine is usually given a whole /64."""
        address = self.client()
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return address[:64]
        if parsed.version == 6 and parsed.ipv4_mapped:  # ::ffff:1.2.3.4 is 1.2.3.4
            parsed = parsed.ipv4_mapped
        if parsed.version == 6:
            return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        return str(parsed)


def rate_limiter():
    """The current app's ``RateLimiter``."""
    return request.app.config["conduit.rate_limiter"]


def check_login(email):
    """A 429 before a login is tried, when the account or the address has failed too often."""
    limiter = rate_limiter()
    limiter.check("login-account", email)
    limiter.check("login-address", limiter.client_address())


def count_failed_login(email):
    limiter = rate_limiter()
    limiter.add("login-account", email)
    limiter.add("login-address", limiter.client_address())


def check_registration():
    """A 429 when this address has registered too often; else count this registration."""
    limiter = rate_limiter()
    address = limiter.client_address()
    limiter.check("register-address", address)
    limiter.add("register-address", address)
