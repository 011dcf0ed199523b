"""Fixtures shared by the suite: a fresh app on each database backend, a WSGI client, and users.

Tests that take ``app`` or ``client`` run once per backend in ``backends.selected()``:
SQLite always, PostgreSQL and MySQL when their servers answer (else skipped with the reason).
"""

import os
import re
import secrets
from contextlib import contextmanager

import peewee
import pytest
import redis
import webtest
from playhouse.test_utils import count_queries

from server import create_app
from server.database import db
from server.models import MODELS
from server.seed import reset

from . import backends

# Cheap argon2 settings keep registration fast in tests; the algorithm is the same.
TEST_SETTINGS = {"SECRET_KEY": "test-" + "k" * 40, "ARGON2_TIME_COST": 1,
                 "ARGON2_MEMORY_KIB": 1024, "LOG_LEVEL": "WARNING"}
PASSWORD = "correct horse battery"
# How the API shows a time: ISO 8601 in UTC with milliseconds.
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture(scope="session", params=backends.selected())
def backend(request):
    """The backend's name and server URL; skips (or, on CI, fails) when it does not answer."""
    if request.param == "sqlite":
        return "sqlite", None
    url, reason = backends.reachable(request.param)
    if reason:
        if os.environ.get("CI") and request.param in os.environ.get("CI_BACKENDS", ""):
            pytest.fail(reason)
        pytest.skip(reason)
    return request.param, url


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def redis_url():
    """The Redis the tests keep counts and cached answers in (``TEST_REDIS_URL``, default
    database 15 of the local server); skips when none answers, or fails on CI, which runs it."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        reason = f"Redis not reachable at {REDIS_URL}: {error}"
        if os.environ.get("CI") and "redis" in os.environ.get("CI_BACKENDS", "").split(","):
            pytest.fail(reason)
        pytest.skip(reason)
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture(scope="session")
def rebuilt_backends():
    """The server backends whose tables this session has already built from the models."""
    return set()


def empty(database):
    """Delete every row: on MySQL about twenty times faster than dropping and creating tables."""
    with db.bound_to(database), database.connection_context(), database.atomic():
        for model in reversed(MODELS):  # rows that refer to others go first
            model.delete().execute()


@pytest.fixture
def database_url(backend, tmp_path, rebuilt_backends):
    """A URL to an empty database: a new SQLite file, or the server's test database emptied.

    A server's tables are built afresh once a session (so they match the models), then emptied.
    """
    name, url = backend
    if name == "sqlite":
        return f"sqlite:///{tmp_path / 'conduit.sqlite3'}"
    from server.database import open_database

    database = open_database(url)
    if name in rebuilt_backends:
        try:
            empty(database)
        except peewee.DatabaseError:  # a test dropped or changed the tables: build them again
            rebuilt_backends.discard(name)
    if name not in rebuilt_backends:
        reset(database)
        rebuilt_backends.add(name)
    database.close()
    return url


@pytest.fixture
def app(database_url):
    app = create_app({"DATABASE_URL": database_url, **TEST_SETTINGS})
    yield app
    app.config["conduit.database"].close()


@pytest.fixture
def client(app):
    return webtest.TestApp(app)


class Users:
    """Registers users through the API and hands back what a client needs to act as them."""

    def __init__(self, client):
        self.client = client

    def register(self, username=None, **fields):
        username = username or "user" + secrets.token_hex(4)
        body = {"username": username, "email": f"{username}@example.com",
                "password": PASSWORD, **fields}
        user = self.client.post_json("/api/users", {"user": body}).json["user"]
        user["headers"] = {"Authorization": f"Token {user['token']}"}
        return user


@pytest.fixture
def users(client):
    return Users(client)


class Articles:
    """Publishes articles through the API as a given author."""

    def __init__(self, client):
        self.client = client

    def create(self, author, title=None, **fields):
        body = {"title": title or "Article " + secrets.token_hex(4),
                "description": "A short description.", "body": "The body.", **fields}
        return self.client.post_json("/api/articles", {"article": body},
                                     headers=author["headers"]).json["article"]


@pytest.fixture
def articles(client):
    return Articles(client)


@pytest.fixture
def in_database(app):
    """``with in_database(): User.get(...)``: the models read the app's database in the block."""
    database = app.config["conduit.database"]

    @contextmanager
    def bound():
        with db.bound_to(database), database.connection_context():
            yield database

    return bound


def check_profile(profile):
    """Check that ``profile`` has the spec's fields, each of its exact type."""
    assert set(profile) == {"username", "bio", "image", "following"}, \
        f"a profile is username, bio, image and following, got {sorted(profile)}"
    assert type(profile["username"]) is str, "username is a string"
    assert all(profile[field] is None or type(profile[field]) is str
               for field in ("bio", "image")), "bio and image are strings or null"
    assert type(profile["following"]) is bool, "following is true or false, not 0 or 1"


def error_messages(response):
    """The messages of an error answer, once its body is checked to be the API's error shape."""
    body = response.json
    assert list(body) == ["errors"] and list(body["errors"]) == ["body"], \
        f'every error body is {{"errors": {{"body": [...]}}}}, got {body!r}'
    messages = body["errors"]["body"]
    assert type(messages) is list and messages, "an error names at least one problem"
    assert all(type(message) is str and message.strip() for message in messages), \
        f"each error message is a non-empty string, got {messages!r}"
    return messages


@pytest.fixture
def queries(app):
    """``with queries() as counter: ...`` then ``counter.count``: SQL statements run inside."""

    @contextmanager
    def counting():
        with count_queries() as counter:
            yield counter

    return counting
