"""``live_server()``: a real server over loopback that starts seeded and leaves nothing behind."""

import socket
import tempfile
import threading
from urllib.parse import urlparse

import pytest
import requests

from server.seed import DEMO_PASSWORD
from server.testing import live_server


def test_serves_seeded_data_over_http_and_stops_cleanly():
    threads_before = set(threading.enumerate())
    with live_server() as api:
        url = urlparse(api)
        assert url.hostname == "127.0.0.1" and url.path == "/api", "binds to loopback, under /api"
        tags = requests.get(f"{api}/tags", timeout=10)
        assert tags.status_code == 200 and "python" in tags.json()["tags"], "demo tags are there"
        login = requests.post(f"{api}/users/login", timeout=10, json={
            "user": {"email": "alice@example.com", "password": DEMO_PASSWORD}})
        assert login.status_code == 200, "the demo user alice can log in"
        health = requests.get(f"http://{url.netloc}/healthz", timeout=10)
        assert health.json() == {"status": "ok"}
    with pytest.raises(OSError):
        socket.create_connection((url.hostname, url.port), timeout=1).close()
    assert set(threading.enumerate()) <= threads_before, "its threads must have ended"


def test_each_server_has_its_own_fresh_database():
    with live_server() as first, live_server() as second:
        token = requests.post(f"{first}/users/login", timeout=10, json={
            "user": {"email": "alice@example.com", "password": DEMO_PASSWORD}}
        ).json()["user"]["token"]
        created = requests.post(f"{first}/articles", timeout=10,
                                headers={"Authorization": f"Token {token}"},
                                json={"article": {"title": "Only here", "description": "d",
                                                  "body": "b"}})
        assert created.status_code == 201
        slug = created.json()["article"]["slug"]
        assert requests.get(f"{first}/articles/{slug}", timeout=10).status_code == 200
        assert requests.get(f"{second}/articles/{slug}", timeout=10).status_code == 404, \
            "a second live server must not see the first one's writes"


def test_seed_can_be_sized_or_skipped():
    with live_server(users=3, articles=5) as api:
        assert requests.get(f"{api}/articles", timeout=10).json()["articlesCount"] == 5
    with live_server(seed=False) as api:
        assert requests.get(f"{api}/articles", timeout=10).json() == {
            "articles": [], "articlesCount": 0}


def test_removes_its_temporary_database(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with live_server() as api:
        requests.get(f"{api}/tags", timeout=10)
        made = list(tmp_path.iterdir())
        assert [path.name[:8] for path in made] == ["conduit-"], "one temporary folder"
        assert (made[0] / "conduit.sqlite3").exists(), "holding the database"
    assert list(tmp_path.iterdir()) == [], "the folder must be gone afterwards"
