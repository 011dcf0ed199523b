"""HTTP caching: an ``ETag`` on every answer worth caching, ``304 Not Modified`` when the
client already has it, and a ``Cache-Control`` policy that each route declares.

A route says how its answers may be kept with ``cache=...``, as it says who may call it with
``auth=...``::

    app.get("/api/articles", callback=list_articles, auth="optional", cache="public")

- ``"public"``: the same for every reader without a token (the tags, a list, an article, a
  profile). Browsers revalidate each time (``max-age=0``), cheaply, thanks to the ETag; a
  shared cache such as a CDN may keep a copy for ``SHARED_CACHE_SECONDS`` (``s-maxage``). A
  reader who sends a token may see what they favorited and follow, so their answer is
  ``private``: one rule for every public read, the tags included, so that no answer to a
  request with a token is ever ``public``.
- ``"private"``: for this reader only (the feed): a browser may keep it and must revalidate it;
  a shared cache must not keep it.
- ``"no-store"``: nobody keeps a copy, not even the browser (answers with a token or an email).
- ``"static"``: the same for everyone and rarely changed (the OpenAPI document, the explorer).

Every other answer, every write and every error gets ``no-store``. On ``"public"`` and
``"private"`` answers, and on any read of a route that reads the token (``/api/user``, though
``no-store``), ``Vary: Authorization`` tells caches to keep one copy per token, never to hand
one reader's copy to another: a cache configured to ignore ``Cache-Control`` still keeps to it.

The ETag is a hash of the body's bytes, so it changes exactly when what the reader gets
changes (an edit, a favorite, a follow) and never otherwise. It is strong: two answers with one
ETag are the same bytes. The optional shared cache (``server/cache.py``) stores the bodies of
anonymous ``"public"`` answers; its hits get the same ETag as a fresh answer.
"""

import hashlib
import json

from bottle import HTTPResponse, request, response

POLICIES = ("public", "private", "no-store", "static")
STATIC_MAX_AGE_SECONDS = 300
# A successful write invalidates the shared cache, except for these, which change nothing
# that is cached (a login only counts failures for the rate limits).
NOT_CACHED_WRITES = {("POST", "/api/users/login")}


def entity_tag(body):
    """A strong ETag for ``body`` (bytes): 32 hex digits of its SHA-256, in quotes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match, etag):
    """Whether an ``If-None-Match`` header names ``etag``.

    The header is ``*`` or a comma-separated list of tags; for ``If-None-Match`` a weak tag
    (``W/"..."``) matches its strong twin (RFC 9110, section 13.1.2).
    """
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def cache_control(policy, has_token, shared_seconds):
    """The ``Cache-Control`` value for an answer of a route with ``policy``."""
    if policy == "public" and not has_token:
        return f"public, max-age=0, s-maxage={shared_seconds}"
    if policy in ("public", "private"):
        return "private, no-cache"
    if policy == "static":
        return f"public, max-age={STATIC_MAX_AGE_SECONDS}"
    return "no-store"


def encode(result):
    """The bytes Bottle would send for a handler's result, and the content type they need."""
    if isinstance(result, dict):
        return json.dumps(result).encode(), "application/json"
    if isinstance(result, str):
        return result.encode(), None
    return result, None


class HttpCaching:
    """A Bottle plugin applying each route's ``cache`` policy; see the module's docstring.

    ``shared_cache`` is a ``server.cache.ResponseCache``, or None for no shared cache.
    """

    name = "http_caching"
    api = 2

    def __init__(self, shared_seconds, shared_cache=None):
        self.shared_seconds = shared_seconds
        self.shared_cache = shared_cache

    def apply(self, callback, route):
        policy = route.config.get("cache")
        if policy is None:
            return callback
        if policy not in POLICIES:
            raise ValueError(f"route {route.rule}: cache must be one of {POLICIES}")
        # A public read is public only without a token, and a route that reads the token
        # answers each reader differently: either way a cache must keep one copy per token.
        varies = policy in ("public", "private") or route.config.get("auth") is not None

        def wrapper(*args, **kwargs):
            has_token = request.get_header("Authorization") is not None
            shared = self.shared_cache if policy == "public" and not has_token else None
            body = shared.get(request) if shared else None
            if shared:
                response.set_header("X-Cache", "MISS" if body is None else "HIT")
            if body is not None:
                response.content_type = "application/json"
                return self.conditional(body, policy, has_token, varies)
            result = callback(*args, **kwargs)
            if isinstance(result, HTTPResponse):  # a file, with validators of its own
                result.set_header("Cache-Control",
                                  cache_control(policy, has_token, self.shared_seconds))
                return result
            body, content_type = encode(result)
            if content_type:
                response.content_type = content_type
            if response.status_code != 200:
                return body
            if shared:
                shared.put(request, body)
            return self.conditional(body, policy, has_token, varies)

        return wrapper

    def conditional(self, body, policy, has_token, varies):
        """Set the caching headers on a 200 answer; ``304`` with no body if the client has it."""
        etag = entity_tag(body)
        response.set_header("ETag", etag)
        response.set_header("Cache-Control", cache_control(policy, has_token,
                                                           self.shared_seconds))
        if varies:
            response.add_header("Vary", "Authorization")
        if matches(request.get_header("If-None-Match"), etag):
            response.status = 304
            return b""
        return body


def finish_answer():
    """An after-request hook: ``no-store`` on every answer without a policy of its own (writes,
    errors, health checks), and a write that changed something invalidates the shared cache."""
    if response.status_code >= 400:
        response.headers.pop("ETag", None)
        response.set_header("Cache-Control", "no-store")
    elif "Cache-Control" not in response.headers:
        response.set_header("Cache-Control", "no-store")
    shared = request.app.config.get("conduit.shared_cache")
    if (shared and request.method in ("POST", "PUT", "PATCH", "DELETE")
            and 200 <= response.status_code < 300
            and (request.method, request.path) not in NOT_CACHED_WRITES):
        shared.invalidate()


def register(app):
    app.add_hook("after_request", finish_answer)
