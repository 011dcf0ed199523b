"""Security headers (``server/headers.py``) on every answer, and no server version in ``Server``.

The headers are checked on the app in process, on every backend and for every kind of answer
(a success, each kind of error, a preflight, the explorer's page); the ``Server`` header is
checked on the real servers the project starts: ``live_server()``, ``python -m server run``
(cheroot) and ``python -m server production`` (gunicorn).
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import requests

from course.services import free_port
from server.testing import live_server

from .conftest import PASSWORD

PRIVATE = "no-store"


def check_security_headers(response, what):
    assert response.headers.get("X-Content-Type-Options") == "nosniff", \
        f"{what}: X-Content-Type-Options: nosniff keeps browsers from guessing the type"
    assert response.headers.get("Referrer-Policy") == "no-referrer", \
        f"{what}: Referrer-Policy: no-referrer sends no URL of the API to other sites"


def test_every_kind_of_answer_has_the_security_headers(client, users, articles):
    alice, bob = users.register("alice"), users.register("bob")
    slug = articles.create(alice)["slug"]
    answers = {
        "a list": client.get("/api/tags"),
        "a 401": client.get("/api/user", status=401),
        "a 403": client.delete(f"/api/articles/{slug}", headers=bob["headers"], status=403),
        "a 404": client.get("/api/no-such-thing", status=404),
        "a 405": client.delete("/api/tags", status=405),
        "a 422": client.post("/api/users", "not json", status=422),
        "a preflight": client.options("/api/articles", headers={
            "Origin": "http://example.com", "Access-Control-Request-Method": "POST"},
            status=204),
        "the explorer": client.get("/api/docs"),
        "the OpenAPI document": client.get("/api/openapi.json"),
        "/healthz": client.get("/healthz"),
    }
    for what, response in answers.items():
        check_security_headers(response, what)


def test_answers_with_a_token_or_an_email_are_not_stored(client, users):
    body = {"user": {"username": "bob", "email": "bob@example.com", "password": PASSWORD}}
    login = {"user": {"email": "bob@example.com", "password": PASSWORD}}
    registered = client.post_json("/api/users", body, status=201)
    token = {"Authorization": f"Token {registered.json['user']['token']}"}
    answers = {
        "POST /api/users": registered,
        "POST /api/users (refused)": client.post_json("/api/users", body, status=422),
        "POST /api/users/login": client.post_json("/api/users/login", login),
        "POST /api/users/login (refused)": client.post_json(
            "/api/users/login", {"user": {**login["user"], "password": "wrong!"}}, status=422),
        "GET /api/user": client.get("/api/user", headers=token),
        "PUT /api/user": client.put_json("/api/user", {"user": {"bio": "hi"}}, headers=token),
    }
    for what, response in answers.items():
        assert response.headers.get("Cache-Control") == PRIVATE, \
            f"{what} carries a token or an email: Cache-Control must be no-store"
    public = client.get("/api/tags").headers.get("Cache-Control", "")
    assert PRIVATE not in public, "a public list may be cached: no-store is for private answers"


VERSION = re.compile(r"\d")


def check_server_header(response, what):
    server = response.headers.get("Server", "")
    assert not VERSION.search(server), \
        f"{what}: the Server header must not give a version, got {server!r}"
    return server


def test_live_server_names_no_version():
    with live_server(users=1, articles=0) as api:
        response = requests.get(f"{api}/tags", timeout=10)
    check_security_headers(response, "live_server()")
    assert check_server_header(response, "live_server()") == "conduit"


def first_answer(url, child, seconds=60):
    """The first answer from ``url``, asking again until the server listens (or has died)."""
    for _ in range(seconds * 5):
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            assert child.poll() is None, child.communicate()[0]
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.mark.parametrize("command, expected", [
    (["run"], "conduit"),
    (["production", "--workers", "1"], "gunicorn"),
])
def test_the_commands_servers_name_no_version(tmp_path, command, expected):
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path), "SECRET_KEY": "headers-test-" + "s" * 40,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'conduit.sqlite3'}",
           "ARGON2_MEMORY_KIB": "1024", "LOG_LEVEL": "WARNING"}
    child = subprocess.Popen([sys.executable, "-m", "server", *command, "--port", str(port)],
                             cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        response = first_answer(f"http://127.0.0.1:{port}/api/tags", child)
    finally:
        child.send_signal(signal.SIGINT if command == ["run"] else signal.SIGTERM)
        child.communicate(timeout=30)
    check_security_headers(response, f"python -m server {command[0]}")
    assert check_server_header(response, f"python -m server {command[0]}") == expected
