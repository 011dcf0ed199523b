"""The optional shared cache (``server/cache.py``): anonymous reads kept in Redis, shared by
every worker, and never stale after a write.

Two apps on one database and one Redis stand for two worker processes behind a load balancer;
a third app on the same database without ``REDIS_URL`` is the truth each cached answer is held
to. Queries are counted to show that a hit does not touch the database.
"""

import logging
import shutil
import subprocess
import time

import pytest
import redis
import requests
import webtest
from playhouse.test_utils import count_queries

from course import services
from course.services import free_port
from server import create_app
from server.config import ConfigError
from server.database import db

from .conftest import TEST_SETTINGS, Articles, Users


@pytest.fixture
def workers(database_url, redis_url):
    """Two clients of two apps sharing one Redis, and one of an app without the cache."""
    apps = [create_app({"DATABASE_URL": database_url, **TEST_SETTINGS, "REDIS_URL": redis_url})
            for _ in range(2)]
    apps.append(create_app({"DATABASE_URL": database_url, **TEST_SETTINGS}))
    yield [webtest.TestApp(app) for app in apps]
    for app in apps:
        app.config["conduit.database"].close()


def test_a_hit_is_shared_by_workers_and_asks_the_database_nothing(workers):
    first, second, uncached = workers
    alice = Users(first).register("alice")
    slug = Articles(first).create(alice, tagList=["redis"])["slug"]
    paths = ["/api/tags", "/api/articles", "/api/articles?tag=redis", f"/api/articles/{slug}",
             f"/api/articles/{slug}/comments", "/api/profiles/alice"]
    for path in paths:
        miss = first.get(path)
        assert miss.headers.get("X-Cache") == "MISS", f"GET {path}: first read is a miss"
        database = second.app.config["conduit.database"]
        with db.bound_to(database), count_queries() as counted:
            hit = second.get(path)
        assert hit.headers.get("X-Cache") == "HIT", f"GET {path}: the other worker hits"
        assert hit.body == miss.body == uncached.get(path).body, \
            f"GET {path}: a hit is byte for byte what the database gives"
        assert hit.headers["ETag"] == miss.headers["ETag"], f"GET {path}: the same ETag"
        assert hit.headers["Content-Type"] == miss.headers["Content-Type"] == "application/json"
        assert len(counted.get_queries()) == 0, f"GET {path}: a hit makes no SQL query"
        assert first.get(path, headers={"If-None-Match": hit.headers["ETag"]},
                         status=304).headers["X-Cache"] == "HIT", "a hit can be a 304 too"
    with_token = first.get("/api/articles", headers=alice["headers"])
    assert "X-Cache" not in with_token.headers, "an answer for a token is never cached"
    assert "X-Cache" not in uncached.get("/api/articles").headers, \
        "without REDIS_URL there is no shared cache and no X-Cache"


def test_no_read_is_stale_after_any_write_through_any_worker(workers):
    first, second, uncached = workers
    users, articles = Users(first), Articles(second)
    alice, bob = users.register("alice"), users.register("bob")
    slug = articles.create(alice, title="Fresh", tagList=["one"])["slug"]
    comment = {}

    def add_comment():
        comment.update(second.post_json(f"/api/articles/{slug}/comments", {
            "comment": {"body": "Hi"}}, headers=bob["headers"]).json["comment"])

    writes = {
        "a favorite": lambda: first.post(f"/api/articles/{slug}/favorite",
                                         headers=bob["headers"]),
        "an unfavorite": lambda: second.delete(f"/api/articles/{slug}/favorite",
                                               headers=bob["headers"]),
        "an edit": lambda: first.put_json(f"/api/articles/{slug}", {"article": {
            "title": "Fresher", "tagList": ["two"]}}, headers=alice["headers"]),
        "a comment": add_comment,
        "a deleted comment": lambda: first.delete(
            f"/api/articles/{slug}/comments/{comment['id']}", headers=bob["headers"]),
        "a new bio": lambda: second.put_json("/api/user", {"user": {"bio": "Cached?"}},
                                             headers=alice["headers"]),
        "a new article": lambda: articles.create(bob, title="Second", tagList=["three"]),
        "a new user": lambda: users.register("carol"),
        "a deleted article": lambda: first.delete(f"/api/articles/{slug}",
                                                  headers=alice["headers"]),
    }
    reads = ["/api/tags", "/api/articles", "/api/articles?author=alice", "/api/profiles/alice",
             "/api/profiles/carol"]
    for what, write in writes.items():
        article = first.get(f"/api/articles/{slug}", expect_errors=True)
        slug = article.json["article"]["slug"] if article.status_int == 200 else slug
        paths = reads + [f"/api/articles/{slug}", f"/api/articles/{slug}/comments"]
        for path in paths:  # fill both workers' shared cache
            first.get(path, expect_errors=True), second.get(path, expect_errors=True)
        write()
        for client in (first, second):
            for path in paths:
                cached, truth = (client.get(path, expect_errors=True),
                                 uncached.get(path, expect_errors=True))
                assert (cached.status_int, cached.body) == (truth.status_int, truth.body), \
                    f"after {what}, GET {path} must show it, through either worker"


def test_a_login_does_not_empty_the_cache(workers):
    first, second, _ = workers
    Users(first).register("alice")
    first.get("/api/tags")
    first.post_json("/api/users/login", {"user": {
        "email": "alice@example.com", "password": "correct horse battery"}})
    first.post_json("/api/users/login", {"user": {
        "email": "alice@example.com", "password": "wrong"}}, expect_errors=True)
    assert second.get("/api/tags").headers["X-Cache"] == "HIT", \
        "a login changes nothing that is cached, so the cache is kept"


def test_entries_expire_after_cache_seconds(database_url, redis_url):
    app = create_app({"DATABASE_URL": database_url, **TEST_SETTINGS, "REDIS_URL": redis_url,
                      "CACHE_SECONDS": 7})
    try:
        webtest.TestApp(app).get("/api/tags")
        cache = app.config["conduit.shared_cache"]
        generation = int(cache.redis.get(cache.generation_key))
        keys = list(cache.redis.scan_iter(f"{cache.prefix}{generation}:*"))
        assert keys and all(0 < cache.redis.ttl(key) <= 7 for key in keys), \
            "each cached answer expires by itself after CACHE_SECONDS"
    finally:
        app.config["conduit.database"].close()


def test_cache_seconds_0_turns_the_cache_off(database_url, redis_url):
    app = create_app({"DATABASE_URL": database_url, **TEST_SETTINGS, "REDIS_URL": redis_url,
                      "CACHE_SECONDS": 0})
    try:
        assert app.config["conduit.shared_cache"] is None
        assert "X-Cache" not in webtest.TestApp(app).get("/api/tags").headers
    finally:
        app.config["conduit.database"].close()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of the test's own, on a free port, that the test may stop."""
    program = shutil.which("redis-server")
    if program is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen([program, "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    process.kill()
    process.wait()


def test_redis_going_down_slows_reads_but_breaks_none(tmp_path, private_redis, caplog):
    process, url = private_redis
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}", **TEST_SETTINGS,
                      "REDIS_URL": url})
    client = webtest.TestApp(app)
    alice = Users(client).register("alice")
    assert client.get("/api/tags").headers["X-Cache"] == "MISS"
    process.kill()
    process.wait()
    with caplog.at_level(logging.WARNING, logger="server"):
        answer = client.get("/api/tags")
        assert answer.status_int == 200 and answer.json == {"tags": []}, \
            "with Redis down, reads come from the database"
        Articles(client).create(alice, tagList=["still-works"])
        assert client.get("/api/tags").json == {"tags": ["still-works"]}, \
            "and writes still work, and are seen"
    assert "shared cache" in caplog.text, "the failing cache is logged"
    app.config["conduit.database"].close()


def test_an_unreachable_redis_stops_the_start_with_what_to_do(tmp_path):
    with pytest.raises(ConfigError) as raised:
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}", **TEST_SETTINGS,
                    "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    message = str(raised.value)
    assert message.startswith("Cause: no Redis answers at REDIS_URL=") and "Fix:" in message


def test_two_gunicorn_workers_share_the_cache_and_see_every_write(redis_url):
    """Two real worker processes: whichever one answers, a read shows every write before it."""
    env = {"DATABASE_URL": "sqlite:///{folder}/conduit.sqlite3", "REDIS_URL": redis_url,
           **{key: str(value) for key, value in TEST_SETTINGS.items()}}
    with services.gunicorn("server.wsgi:app", workers=2, env=env) as web:
        api = f"{web.url}/api"
        alice = requests.post(f"{api}/users", timeout=30, json={"user": {
            "username": "alice", "email": "alice@example.com",
            "password": "correct horse battery"}}).json()["user"]
        token = {"Authorization": f"Token {alice['token']}"}
        slug = requests.post(f"{api}/articles", headers=token, timeout=30, json={"article": {
            "title": "Shared", "description": "d", "body": "b"}}).json()["article"]["slug"]
        seen = []
        for round_ in range(8):
            verb = requests.post if round_ % 2 == 0 else requests.delete
            verb(f"{api}/articles/{slug}/favorite", headers=token, timeout=30)
            expected = 1 if round_ % 2 == 0 else 0
            for _ in range(4):  # a new connection each time, to either worker
                answer = requests.get(f"{api}/articles/{slug}", timeout=30)
                seen.append(answer.headers["X-Cache"])
                assert answer.json()["article"]["favoritesCount"] == expected, \
                    f"after write {round_ + 1}, every worker must show favoritesCount {expected}"
        assert seen.count("HIT") >= 8 * 2, f"reads after the first of a round are hits: {seen}"
