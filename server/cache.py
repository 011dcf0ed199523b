"""The optional shared cache: anonymous reads kept in Redis, for every worker process at once.

With ``REDIS_URL`` set (and ``CACHE_SECONDS`` above 0), the answers to anonymous ``GET``s of
the public routes (tags, article lists, an article, its comments, a profile) are kept in Redis
for ``CACHE_SECONDS``. This is cache-aside: the server looks in the cache first, and on a miss
computes the answer from the database and puts it there.

The hard part of caching is invalidation: after a write, no reader may get the old answer.
Working out which cached lists a new favorite changes (every page of every list that shows
that article, for every filter) is easy to get wrong. So the cache uses a **generation**: a
number in Redis that is part of every key. A write that succeeds adds one to it after its
transaction has committed, and from that moment every worker builds keys of the new
generation, so none of them reads an entry made before the write. The old entries are never
read again and expire on their own. The price is that any write empties the whole cache; for a
site read far more often than written, that is cheap.

Why after the commit: a reader that starts before it may still read the old rows and store them,
but under the old generation, where nobody will look again.

The cache must never take the API down: if Redis stops answering, reads are computed from the
database as if there were no cache, and the error is logged.
"""

import logging

import redis

from .redis_store import connect_redis, redis_namespace

log = logging.getLogger("server")


class ResponseCache:
    """Answer bodies in Redis, keyed by generation, path and query; see the module's docstring."""

    def __init__(self, url, namespace, seconds):
        self.redis = connect_redis(url)
        self.prefix = f"conduit:cache:{namespace}:"
        self.generation_key = f"{self.prefix}generation"
        self.seconds = seconds
        # A server starting on a database that was changed while it was down (a reset, a
        # restore) must not serve what was cached before: it starts a new generation.
        self.invalidate()

    def key(self, request, generation):
        return f"{self.prefix}{generation}:{request.path}?{request.query_string}"

    def get(self, request):
        """The cached body of the answer to ``request``, or None when it has to be computed."""
        try:
            generation = int(self.redis.get(self.generation_key) or 0)
            request.environ["conduit.cache_generation"] = generation
            return self.redis.get(self.key(request, generation))
        except redis.RedisError as error:
            log.warning("shared cache unavailable, reading from the database: %s", error)
            return None

    def put(self, request, body):
        """Keep ``body``, under the generation that was current when the request started."""
        generation = request.environ.get("conduit.cache_generation")
        if generation is None:  # Redis did not answer get(): do not try again now
            return
        try:
            self.redis.set(self.key(request, generation), body, ex=self.seconds)
        except redis.RedisError as error:
            log.warning("shared cache unavailable, answer not kept: %s", error)

    def invalidate(self):
        """Start a new generation: every entry cached so far is out of date."""
        try:
            self.redis.incr(self.generation_key)
        except redis.RedisError as error:
            log.error("shared cache not invalidated after a write; cached answers may be "
                      "stale for up to %s s: %s", self.seconds, error)


def shared_cache(config):
    """The ``ResponseCache`` the configuration asks for, or None."""
    if not config["REDIS_URL"] or config["CACHE_SECONDS"] == 0:
        return None
    return ResponseCache(config["REDIS_URL"], redis_namespace(config), config["CACHE_SECONDS"])
