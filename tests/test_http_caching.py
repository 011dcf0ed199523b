"""HTTP caching (``server/caching.py``): ETags, ``304 Not Modified``, and the Cache-Control
policy of each endpoint, on every backend, with and without the shared Redis cache.

What must hold for a cache in front of the API (a browser's, a CDN's) to be right: a stored
answer is reused only while it is what the server would send now, and an answer that shows one
reader's data is never handed to another.
"""

import hashlib
import re

import pytest
import webtest

from server import create_app

from .conftest import TEST_SETTINGS, Articles, Users

ETAG = re.compile(r'^"[0-9a-f]{32}"$')
SHARED = "public, max-age=0, s-maxage=30"
PRIVATE = "private, no-cache"


@pytest.fixture(params=["no shared cache", "redis"])
def cached_client(request, database_url):
    """A client of an app on each backend, without and with ``REDIS_URL``."""
    settings = {"DATABASE_URL": database_url, **TEST_SETTINGS}
    if request.param == "redis":
        settings["REDIS_URL"] = request.getfixturevalue("redis_url")
    app = create_app(settings)
    yield webtest.TestApp(app)
    app.config["conduit.database"].close()


@pytest.fixture
def world(cached_client):
    """Alice wrote an article with a tag and a comment; bob reads; a client for each."""
    users, articles = Users(cached_client), Articles(cached_client)
    alice, bob = users.register("alice"), users.register("bob")
    slug = articles.create(alice, title="Caching", tagList=["http"])["slug"]
    cached_client.post_json(f"/api/articles/{slug}/comments", {"comment": {"body": "First"}},
                            headers=alice["headers"])
    return cached_client, alice, bob, slug


def public_reads(slug):
    return ["/api/tags", "/api/articles", "/api/articles?tag=http", f"/api/articles/{slug}",
            f"/api/articles/{slug}/comments", "/api/profiles/alice"]


def check_etag(answer, what):
    etag = answer.headers.get("ETag")
    assert etag and ETAG.match(etag), f"{what}: a strong, quoted ETag, got {etag!r}"
    assert etag == '"' + hashlib.sha256(answer.body).hexdigest()[:32] + '"', \
        f"{what}: the ETag is the hash of the body it came with"
    return etag


def test_every_read_has_an_etag_and_the_same_tag_gets_304_without_a_body(world):
    client, alice, bob, slug = world
    reads = [(path, {}) for path in public_reads(slug)] + [
        (f"/api/articles/{slug}", bob["headers"]), ("/api/articles/feed", bob["headers"]),
        ("/api/user", alice["headers"])]
    for path, headers in reads:
        what = f"GET {path}" + (" with a token" if headers else "")
        first = client.get(path, headers=headers)
        etag = check_etag(first, what)
        for sent in (etag, f'"0123", {etag}', f"W/{etag}", "*"):
            again = client.get(path, headers={**headers, "If-None-Match": sent}, status=304)
            assert again.body == b"", f"{what}, If-None-Match: {sent}: a 304 has no body"
            assert again.headers.get("ETag") == etag, f"{what}: a 304 repeats the ETag"
            assert again.headers.get("Cache-Control") == first.headers["Cache-Control"], \
                f"{what}: a 304 repeats the Cache-Control of the 200"
            assert "Content-Type" not in again.headers, f"{what}: a 304 has no Content-Type"
        other = client.get(path, headers={**headers, "If-None-Match": '"' + "0" * 32 + '"'})
        assert other.status_int == 200 and other.body == first.body, \
            f"{what}: another tag in If-None-Match gets the whole answer"
        head = client.head(path, headers={**headers, "If-None-Match": etag}, status=304)
        assert head.headers.get("ETag") == etag, f"HEAD {path}: the same ETag as GET"


def test_the_etag_changes_exactly_when_what_the_reader_sees_changes(world):
    client, alice, bob, slug = world
    article = f"/api/articles/{slug}"

    def tags():
        return {path: client.get(path).headers["ETag"] for path in public_reads(slug)}

    def bobs_view():
        return client.get(article, headers=bob["headers"]).headers["ETag"]

    before, bob_before = tags(), bobs_view()
    assert tags() == before and bobs_view() == bob_before, "nothing changed: the same ETags"

    client.post(f"{article}/favorite", headers=alice["headers"])
    after = tags()
    assert after[article] != before[article], "a favorite changes the article's ETag"
    assert after["/api/articles"] != before["/api/articles"], "and the list's"
    assert after["/api/tags"] == before["/api/tags"], "but not the tags'"
    stale = client.get(article, headers={"If-None-Match": before[article]})
    assert stale.status_int == 200 and stale.json["article"]["favoritesCount"] == 1, \
        "a stale ETag gets the new article, not a 304"

    bob_unchanged = bobs_view()
    client.post("/api/profiles/alice/follow", headers=bob["headers"])
    assert bobs_view() != bob_unchanged, "following the author changes what bob sees"
    assert tags() == after, "but not what anonymous readers see"

    client.put_json(article, {"article": {"body": "Edited"}}, headers=alice["headers"])
    client.post_json(f"{article}/comments", {"comment": {"body": "Second"}},
                     headers=bob["headers"])
    client.put_json("/api/user", {"user": {"bio": "New bio"}}, headers=alice["headers"])
    Articles(client).create(alice, title="Another", tagList=["new"])
    final = tags()
    changed = [path for path in final if final[path] == after[path]]
    assert not changed, f"an edit, a comment, a bio and a new tag change every read: {changed}"


def test_cache_control_and_vary_follow_each_endpoints_policy(world):
    client, alice, bob, slug = world
    for path in public_reads(slug):
        anonymous = client.get(path)
        assert anonymous.headers["Cache-Control"] == SHARED, \
            f"GET {path} without a token: {SHARED}"
        with_token = client.get(path, headers=bob["headers"])
        assert with_token.headers["Cache-Control"] == PRIVATE, \
            f"GET {path} with a token may show what the reader follows: {PRIVATE}, never public"
        for answer in (anonymous, with_token):
            assert "Authorization" in answer.headers.get("Vary", ""), \
                f"GET {path}: Vary: Authorization, one cached copy per token"
    feed = client.get("/api/articles/feed", headers=bob["headers"])
    assert feed.headers["Cache-Control"] == PRIVATE, "the feed is private"
    assert "Authorization" in feed.headers.get("Vary", ""), "the feed varies by token"
    for path in ("/api/openapi.json", "/api/docs"):
        for headers in ({}, alice["headers"]):
            assert client.get(path, headers=headers).headers["Cache-Control"] == \
                "public, max-age=300", f"GET {path} is the same for everyone: public, 5 min"

    no_store = {
        "GET /api/user": client.get("/api/user", headers=alice["headers"]),
        "POST /api/users": client.post_json("/api/users", {"user": {
            "username": "carol", "email": "carol@example.com", "password": "correct horse"}}),
        "POST /api/users/login": client.post_json("/api/users/login", {"user": {
            "email": "carol@example.com", "password": "correct horse"}}),
        "PUT /api/user": client.put_json("/api/user", {"user": {"bio": "b"}},
                                         headers=alice["headers"]),
        "POST a favorite": client.post(f"/api/articles/{slug}/favorite",
                                       headers=bob["headers"]),
        "a 401": client.get("/api/articles/feed", status=401),
        "a 404": client.get("/api/articles/no-such-article", status=404),
        "a 422": client.post_json("/api/users/login", {"user": {}}, status=422),
        "GET /healthz": client.get("/healthz"),
    }
    for what, answer in no_store.items():
        assert answer.headers.get("Cache-Control") == "no-store", f"{what}: no-store"
        vary = "Authorization" if what == "GET /api/user" else None
        assert answer.headers.get("Vary") == vary, \
            f"{what}: Vary: {vary} (the current user is whoever the token names)"
        if answer.status_int >= 400 or answer.request.method != "GET":
            assert "ETag" not in answer.headers, f"{what}: no ETag on an error or a write"


def test_a_shared_cache_lifetime_is_a_setting(database_url):
    app = create_app({"DATABASE_URL": database_url, **TEST_SETTINGS, "SHARED_CACHE_SECONDS": 120})
    try:
        answer = webtest.TestApp(app).get("/api/tags")
        assert answer.headers["Cache-Control"] == "public, max-age=0, s-maxage=120"
    finally:
        app.config["conduit.database"].close()
