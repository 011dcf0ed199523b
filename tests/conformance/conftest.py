"""Fixtures for the conformance tests: which server to test, and a client for it.

Point the tests at any Conduit API with ``CONDUIT_API_URL``::

    CONDUIT_API_URL=http://127.0.0.1:8000/api python -m pytest tests/conformance -m "not reference"

Without it they start the reference server on a free port with a fresh database. Tests marked
``reference`` hold the reference server's own choices where the spec is silent (see
``server/README.md``); leave them out, as above, when grading another server.
"""

import os
from urllib.parse import urlparse

import pytest

from course.conformance import Conduit


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "reference: holds a choice of the reference server that the spec leaves open")


@pytest.fixture(scope="session", params=["no shared cache", "redis"])
def api(request, backend):
    """The API's base URL, ending in ``/api``.

    Without ``CONDUIT_API_URL``, a reference server on each database backend, over a database
    of its own (``conduit_conformance`` on PostgreSQL and MySQL) emptied first; once without
    and once with its shared cache in Redis, which must change no answer.
    """
    url = os.environ.get("CONDUIT_API_URL")
    name, server_url = backend
    if url:
        if name != "sqlite" or request.param != "no shared cache":
            pytest.skip("CONDUIT_API_URL is set: its server is tested once, not per backend")
        yield url.rstrip("/")
        return
    from server.testing import live_server

    # Cheap password hashing: the same argon2id, at a cost that keeps 100 registrations quick.
    config = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024}
    if request.param == "redis":
        config["REDIS_URL"] = request.getfixturevalue("redis_url")
    if server_url:
        from server.database import open_database
        from server.seed import reset

        from ..backends import ensure_database

        config["DATABASE_URL"] = urlparse(server_url)._replace(path="/conduit_conformance").geturl()
        ensure_database(config["DATABASE_URL"])
        reset(open_database(config["DATABASE_URL"]))
        if "REDIS_URL" in config:
            forget_in_redis(config)
    with live_server(**config) as url:
        yield url


def forget_in_redis(config):
    """Empty what Redis keeps for the database (rate-limit counts, cached answers), as the
    database was emptied: counts of an earlier run would refuse this run's registrations."""
    from server.redis_store import connect_redis, redis_namespace

    redis = connect_redis(config["REDIS_URL"])
    for kind in ("ratelimit", "cache"):
        for key in redis.scan_iter(f"conduit:{kind}:{redis_namespace(config)}:*"):
            redis.delete(key)


@pytest.fixture(scope="session")
def conduit(api):
    """A ``Conduit`` client for the API (``course/conformance/client.py``); at the end it
    deletes the articles and comments the checks made."""
    client = Conduit(api)
    yield client
    client.clean_up()
    client.close()
