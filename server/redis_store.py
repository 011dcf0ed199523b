"""The connection to Redis that the rate limits and the shared cache use when ``REDIS_URL`` is
set, and the part of their keys that names the deployment."""

import hashlib

import redis

from .config import ConfigError, redact_url


def connect_redis(url):
    """A client of the Redis at ``url``, once it has answered; a ``ConfigError`` saying what to
    do when it does not."""
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        raise ConfigError(f"Cause: no Redis answers at REDIS_URL={redact_url(url)!r}: "
                          f"{error}. Fix: start Redis (on Debian or Ubuntu: sudo service "
                          "redis-server start), correct REDIS_URL, or unset it to keep the "
                          "rate limits in the database and run without a shared cache.") from error
    return client


def redis_namespace(config):
    """The part of the Redis keys that names the deployment: apps on the same database share
    their counts and their cache, and apps on different databases do not."""
    return hashlib.sha256(config["DATABASE_URL"].encode()).hexdigest()[:16]
