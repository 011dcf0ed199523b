"""The password policy (``server/passwords.py``): at least 8 characters, and not a common one.

Checked through the API on every backend, on registration and on a password change, with the
policy on (the default) and off; and the list of common passwords itself.
"""

import tomllib
from pathlib import Path

import pytest
import requests
import webtest

from server import create_app
from server.config import ConfigError
from server.passwords import MIN_LENGTH, common_passwords
from server.seed import DEMO_PASSWORD
from server.testing import live_server

from .conftest import PASSWORD, TEST_SETTINGS, error_messages
from .conformance.client import PASSWORD as CONFORMANCE_PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def register(client, password, name="newcomer", status=422):
    body = {"user": {"username": name, "email": f"{name}@example.com", "password": password}}
    return client.post_json("/api/users", body, status=status)


@pytest.mark.parametrize("password", ["password", "12345678", "qwerty123", "Password1",
                                      "QWERTYUIOP", "iloveyou"])
def test_registering_with_a_common_password_is_refused(client, password):
    messages = error_messages(register(client, password))
    assert any("common" in message for message in messages), \
        f"the 422 must say that {password!r} is a common password, got {messages}"


def test_registering_with_a_short_password_is_refused(client):
    messages = error_messages(register(client, "x" * (MIN_LENGTH - 1)))
    assert messages == [f"password must be at least {MIN_LENGTH} characters"], messages
    register(client, "tangerine-" + "x" * (MIN_LENGTH - 1), status=201)


def test_changing_to_a_common_password_is_refused_and_keeps_the_old_one(client, users):
    alice = users.register("alice")
    refused = client.put_json("/api/user", {"user": {"password": "letmein123"}},
                              headers=alice["headers"], status=422)
    assert any("common" in message for message in error_messages(refused))
    client.put_json("/api/user", {"user": {"password": "short"}}, headers=alice["headers"],
                    status=422)
    login = {"user": {"email": alice["email"], "password": PASSWORD}}
    client.post_json("/api/users/login", login, status=200)
    client.post_json("/api/users/login", {"user": {**login["user"], "password": "letmein123"}},
                     status=422)


def test_the_policy_can_be_switched_off(database_url):
    client = webtest.TestApp(create_app({**TEST_SETTINGS, "DATABASE_URL": database_url,
                                         "PASSWORD_POLICY": "off"}))
    alice = register(client, "password", name="alice", status=201).json["user"]
    client.put_json("/api/user", {"user": {"password": "abc"}},
                    headers={"Authorization": f"Token {alice['token']}"}, status=200)
    client.post_json("/api/users/login", {"user": {"email": "alice@example.com",
                                                   "password": "abc"}}, status=200)
    client.post_json("/api/users/login", {"user": {"email": "alice@example.com",
                                                   "password": " "}}, status=422)


def test_a_policy_that_is_neither_on_nor_off_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="PASSWORD_POLICY='yes' is not one of on, off"):
        create_app({**TEST_SETTINGS, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}",
                    "PASSWORD_POLICY": "yes"})


def test_demo_users_log_in_with_the_demo_password():
    """Seeding does not go through the policy, and the demo password passes it anyway."""
    assert DEMO_PASSWORD.lower() not in common_passwords() and len(DEMO_PASSWORD) >= MIN_LENGTH
    with live_server(users=2, articles=0) as api:
        answer = requests.post(f"{api}/users/login", timeout=10, json={
            "user": {"email": "alice@example.com", "password": DEMO_PASSWORD}})
    assert answer.status_code == 200, answer.text


def test_the_list_holds_the_commonest_passwords_and_none_the_course_uses():
    passwords = common_passwords()
    assert len(passwords) >= 1000, f"about the top thousand, got {len(passwords)}"
    assert {"password", "12345678", "qwerty123", "123456789", "iloveyou"} <= passwords
    assert all(password == password.strip().lower() for password in passwords)
    used = {DEMO_PASSWORD, PASSWORD, CONFORMANCE_PASSWORD}
    assert not {password.lower() for password in used} & passwords, \
        "the passwords the course's demo data and tests use must be allowed"


def test_the_list_is_shipped_with_the_package():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["server"]
    assert "common-passwords.txt" in package_data, "an installed server must find its list"
