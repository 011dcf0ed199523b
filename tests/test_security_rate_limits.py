"""Rate limits on logging in and registering (``server/ratelimit.py``), over real HTTP.

Each limit is tested on every database backend, on a real server on loopback, with small
limits so that few requests reach them; then with the counts in Redis; then with two gunicorn
worker processes, to show that a count made in one worker stops a request in the other. No test
measures time: the window is moved on by replacing the limiter's clock.
"""

import logging
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
import requests
import webtest

from course.services import free_port
from server import create_app
from server.config import ConfigError
from server.database import db
from server.models import RateLimitCount
from server.redis_store import redis_namespace
from server.seed import DEMO_PASSWORD, seed
from server.testing import serve_app

from .conftest import PASSWORD, TEST_SETTINGS

# Small limits, so that a test reaches each with a handful of requests.
LIMITS = {"LOGIN_FAILURES_PER_ACCOUNT": 3, "LOGIN_FAILURES_PER_ADDRESS": 5,
          "REGISTRATIONS_PER_ADDRESS": 4, "RATE_LIMIT_WINDOW_SECONDS": 600,
          "TRUSTED_PROXIES": "127.0.0.1"}
ALICE = "alice@example.com"


@contextmanager
def serving(app):
    """Serve ``app`` on a free loopback port in a thread; yields the API's base URL."""
    try:
        with serve_app(app, numthreads=4) as origin:
            yield f"{origin}/api"
    finally:
        app.config["conduit.database"].close()


def demo_app(database_url, **settings):
    """An app with the demo users (alice, bob, ...) and ``LIMITS``, unless ``settings`` say
    otherwise."""
    app = create_app({**TEST_SETTINGS, "DATABASE_URL": database_url, **LIMITS, **settings})
    seed(app.config["conduit.database"], app.config, users=3, articles=0)
    return app


@pytest.fixture
def api(database_url):
    """A real server with the demo users and small limits, on each database backend."""
    app = demo_app(database_url)
    with serving(app) as url:
        yield url


def log_in(api, email, password, address="203.0.113.1"):
    """``POST /users/login`` as a client at ``address`` (the trusted proxy 127.0.0.1 says so
    in ``X-Forwarded-For``)."""
    return requests.post(f"{api}/users/login", timeout=10,
                         headers={"X-Forwarded-For": address},
                         json={"user": {"email": email, "password": password}})


def register(api, name, address="203.0.113.1", password=PASSWORD):
    return requests.post(f"{api}/users", timeout=10, headers={"X-Forwarded-For": address},
                         json={"user": {"username": name, "email": f"{name}@example.com",
                                        "password": password}})


def check_refused(response, what):
    """A 429 in the API's error shape, with a whole number of seconds in ``Retry-After``."""
    assert response.status_code == 429, \
        f"{what} must be refused with 429, got {response.status_code}: {response.text}"
    messages = response.json()["errors"]["body"]
    assert type(messages) is list and messages and all(type(m) is str for m in messages), \
        f"a 429 has the API's error shape, got {response.text}"
    retry_after = response.headers.get("Retry-After", "")
    assert retry_after.isdigit() and 1 <= int(retry_after) <= LIMITS[
        "RATE_LIMIT_WINDOW_SECONDS"], f"Retry-After gives the seconds to wait: {retry_after!r}"
    return messages[0]


def test_failed_logins_to_one_account_are_limited_from_any_address(api):
    """An attacker guessing alice's password from many addresses is stopped after 3 guesses."""
    for n in range(3):
        wrong = log_in(api, ALICE, f"guess number {n}", address=f"198.51.100.{n}")
        assert wrong.status_code == 422, "a wrong password is refused with 422"
    refused = log_in(api, ALICE, DEMO_PASSWORD, address="198.51.100.99")
    message = check_refused(refused, "the right password, after 3 failures from anywhere")
    assert "this account" in message, message
    assert '"token"' not in refused.text, "a refused login hands out no token"
    assert log_in(api, "bob@example.com", DEMO_PASSWORD, "198.51.100.1").status_code == 200, \
        "another account, even from an address that failed, is not limited"


def test_failed_logins_from_one_address_are_limited_across_accounts(api):
    """One address trying one password on many accounts is stopped after 5 failures."""
    for n in range(5):
        assert log_in(api, f"someone{n}@example.com", "Summer2024!").status_code == 422
    message = check_refused(log_in(api, ALICE, DEMO_PASSWORD), "a login from that address")
    assert "your address" in message, message
    assert log_in(api, ALICE, DEMO_PASSWORD, address="203.0.113.2").status_code == 200, \
        "another address still logs in"


def test_successful_logins_are_not_counted(api):
    for _ in range(8):  # more than every limit
        assert log_in(api, ALICE, DEMO_PASSWORD).status_code == 200, \
            "only failed logins count: a person who logs in often is never refused"


def test_registrations_from_one_address_are_limited(api):
    """Registrations count whether accepted or refused (a taken email tells who has an
    account): the fifth from one address is refused, another address still registers."""
    assert register(api, "newcomer1").status_code == 201
    assert register(api, "alice").status_code == 422, "a taken username is refused"
    assert register(api, "newcomer2").status_code == 201
    assert register(api, "newcomer2").status_code == 422, "a taken email is refused"
    message = check_refused(register(api, "newcomer3"), "a fifth registration")
    assert "registrations" in message, message
    assert register(api, "newcomer3", address="203.0.113.7").status_code == 201


def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(database_url):
    """Without ``TRUSTED_PROXIES`` a made-up ``X-Forwarded-For`` does not give a new address:
    a client cannot escape the per-address limit by sending a new one each time."""
    with serving(demo_app(database_url, TRUSTED_PROXIES="")) as api:
        for n in range(5):
            assert log_in(api, f"x{n}@example.com", "wrong", f"192.0.2.{n}").status_code == 422
        check_refused(log_in(api, ALICE, DEMO_PASSWORD, "192.0.2.200"),
                      "a login from the same connection address")


def test_the_access_log_names_the_client_as_the_limits_see_it(tmp_path, caplog):
    """A client's own ``X-Forwarded-For`` is not who it is: the log line shows the connection's
    address, or, behind a trusted proxy, the address the proxy added last."""
    for number, (trusted, sent, logged) in enumerate((
            ("", "203.0.113.9", "127.0.0.1"),
            ("127.0.0.1", "203.0.113.9, 198.51.100.4", "198.51.100.4"))):
        app = demo_app(f"sqlite:///{tmp_path / f'{number}.sqlite3'}", TRUSTED_PROXIES=trusted,
                       LOG_LEVEL="INFO")
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="server"):
            webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"}).get(
                "/api/tags", headers={"X-Forwarded-For": sent})
        app.config["conduit.database"].close()
        lines = [record.getMessage() for record in caplog.records if "/api/tags" in
                 record.getMessage()]
        assert lines and lines[0].startswith(f'{logged} "GET /api/tags"'), \
            f"TRUSTED_PROXIES={trusted!r}, X-Forwarded-For: {sent}: the log names {logged}: {lines}"


def test_the_limit_ends_with_its_window(database_url):
    """Retry-After counts the seconds to the window's end; in the next window counts are 0."""
    app = demo_app(database_url)
    limiter = app.config["conduit.rate_limiter"]
    now = [600.0 * 1000 + 100]  # 100 seconds into window number 1000, of 600 seconds
    limiter.clock = lambda: now[0]
    with serving(app) as api:
        for n in range(3):
            log_in(api, ALICE, f"wrong {n}")
        refused = log_in(api, ALICE, DEMO_PASSWORD)
        check_refused(refused, "a login after 3 failures")
        assert refused.headers["Retry-After"] == "500", "100 s into a 600 s window: 500 to go"
        now[0] += 499
        assert log_in(api, ALICE, DEMO_PASSWORD).headers["Retry-After"] == "1"
        now[0] += 1  # the next window
        assert log_in(api, ALICE, DEMO_PASSWORD).status_code == 200, \
            "once the window has ended the account may log in again"


def test_rate_limits_can_be_switched_off(database_url):
    with serving(demo_app(database_url, RATE_LIMITS="off")) as api:
        for n in range(6):
            assert log_in(api, ALICE, f"wrong {n}").status_code == 422
            assert register(api, f"many{n}").status_code == 201
        assert log_in(api, ALICE, DEMO_PASSWORD).status_code == 200


def test_old_windows_are_deleted_from_the_database(database_url):
    """The table keeps the current window's counts only, so it cannot grow without end."""
    app = demo_app(database_url)
    limiter = app.config["conduit.rate_limiter"]
    now = [600.0 * 7]
    limiter.clock = lambda: now[0]
    with serving(app) as api:
        log_in(api, ALICE, "wrong")
        now[0] += 600
        log_in(api, "bob@example.com", "wrong")
        database = app.config["conduit.database"]
        with db.bound_to(database), database.connection_context():
            windows = {row.window for row in RateLimitCount.select()}
    assert windows == {8}, f"only the current window is kept, got {sorted(windows)}"


def test_the_defaults_leave_a_test_suite_alone(database_url):
    """The default limits let one address make 9 failed logins to one account, 20 in all,
    and 100 registrations: more than the conformance suite (77 registrations at most, a handful of
    failed logins) or the fuzz tests make."""
    app = create_app({**TEST_SETTINGS, "DATABASE_URL": database_url})
    seed(app.config["conduit.database"], app.config, users=3, articles=0)
    with serving(app) as api:
        for n in range(9):
            assert log_in(api, ALICE, f"wrong {n}").status_code == 422
        assert log_in(api, ALICE, DEMO_PASSWORD).status_code == 200
        for n in range(11):
            assert log_in(api, f"nobody{n}@example.com", "wrong").status_code == 422
        for n in range(100):
            assert register(api, f"pace{n}").status_code == 201
        assert log_in(api, "bob@example.com", "wrong").status_code == 422


# --- Redis --------------------------------------------------------------------------------------


def forget_counts(redis_url, database_url):
    """Delete the counts Redis holds for apps on ``database_url``."""
    client = redis.Redis.from_url(redis_url)
    namespace = redis_namespace({"DATABASE_URL": database_url})
    for key in client.scan_iter(f"conduit:ratelimit:{namespace}:*"):
        client.delete(key)
    client.close()


def test_counts_kept_in_redis_limit_logins_and_registrations(tmp_path, redis_url):
    database_url = f"sqlite:///{tmp_path / 'conduit.sqlite3'}"
    forget_counts(redis_url, database_url)
    app = demo_app(database_url, REDIS_URL=redis_url)
    with serving(app) as api:
        for n in range(3):
            assert log_in(api, ALICE, f"wrong {n}", address=f"198.51.100.{n}").status_code == 422
        check_refused(log_in(api, ALICE, DEMO_PASSWORD, "198.51.100.9"), "a 4th login")
        for n in range(4):
            register(api, f"redis{n}")
        check_refused(register(api, "redis9"), "a fifth registration")
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"conduit:ratelimit:{redis_namespace(app.config)}:*"))
    assert keys, "the counts are in Redis"
    assert all(0 < client.ttl(key) <= 601 for key in keys), \
        "each count expires by itself once its window has ended"
    database = app.config["conduit.database"]
    with db.bound_to(database), database.connection_context():
        assert RateLimitCount.select().count() == 0, "with Redis, the table is not used"
    client.close()
    forget_counts(redis_url, database_url)


def test_an_unreachable_redis_is_named_at_start(tmp_path):
    port = free_port()  # nothing listens there
    with pytest.raises(ConfigError) as refused:
        create_app({**TEST_SETTINGS, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}",
                    "REDIS_URL": f"redis://127.0.0.1:{port}/0"})
    message = str(refused.value)
    assert message.startswith(f"Cause: no Redis answers at REDIS_URL='redis://127.0.0.1:"
                              f"{port}/0'"), message
    assert "Fix: start Redis" in message and "unset it" in message, message


# --- two worker processes -----------------------------------------------------------------------


@contextmanager
def gunicorn(tmp_path, environment):
    """``gunicorn server.wsgi:app`` with two sync workers; yields ``(port, access log)``.
    The access log names the process that answered each request."""
    port, log = free_port(), tmp_path / "access.log"
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind",
               f"127.0.0.1:{port}", "--access-logfile", str(log),
               "--access-logformat", "%(p)s %(m)s %(U)s %(s)s", "server.wsgi:app"]
    # gunicorn keeps a control socket under $HOME; the app reads its settings from here.
    env = {**os.environ, "HOME": str(tmp_path), **{k: str(v) for k, v in environment.items()}}
    child = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(150):
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert child.poll() is None, child.communicate()[0]
                time.sleep(0.2)
        yield port, log
    finally:
        child.terminate()
        output = child.communicate(timeout=30)[0]
        assert child.returncode == 0, output


def login_request(email, password):
    body = ('{"user": {"email": "%s", "password": "%s"}}' % (email, password)).encode()
    return (f"POST /api/users/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode(), \
        body


def answered_by(log, path, status):
    """The process ids that answered ``path`` with ``status``, from the access log."""
    lines = [line.split() for line in Path(log).read_text().splitlines()]
    return {pid for pid, _, logged_path, logged_status in lines
            if logged_path == path and logged_status == str(status)}


@pytest.mark.parametrize("store", ["database", "redis"])
def test_two_worker_processes_share_the_counts(tmp_path, database_url, store, request):
    """Worker A is kept busy reading a half-sent login, so worker B answers the three failed
    logins; then A gets the rest of its request, and refuses it with the counts B made."""
    settings = {**TEST_SETTINGS, **LIMITS, "TRUSTED_PROXIES": "", "DATABASE_URL": database_url}
    if store == "redis":
        settings["REDIS_URL"] = request.getfixturevalue("redis_url")
        forget_counts(settings["REDIS_URL"], database_url)
    seed_app = create_app(settings)
    seed(seed_app.config["conduit.database"], seed_app.config, users=1, articles=0)
    seed_app.config["conduit.database"].close()
    with gunicorn(tmp_path, settings) as (port, log):
        api = f"http://127.0.0.1:{port}/api"
        head, body = login_request(ALICE, DEMO_PASSWORD)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as held:
            held.sendall(head)  # worker A now waits for the body
            for n in range(3):
                assert log_in(api, ALICE, f"wrong {n}").status_code == 422
            held.sendall(body)
            answer = held.makefile("rb").read().decode()
    assert answer.startswith("HTTP/1.1 429"), f"worker A must refuse the login: {answer}"
    failed_in, refused_in = (answered_by(log, "/api/users/login", status)
                             for status in (422, 429))
    assert len(refused_in) == 1 and not refused_in & failed_in, \
        f"one process counted the failures ({failed_in}), another refused ({refused_in})"
    if store == "redis":
        forget_counts(settings["REDIS_URL"], database_url)
