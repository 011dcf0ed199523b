"""Health checks, CORS, and the access log."""

import logging

import webtest

from server import create_app

from .conftest import TEST_SETTINGS


def test_healthz_answers_without_touching_the_database(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_checks_the_database(client):
    assert client.get("/readyz").json == {"status": "ready", "database": "ok"}


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **TEST_SETTINGS})
    (tmp_path / "db.sqlite3").unlink()
    (tmp_path / "db.sqlite3").mkdir()  # a folder where the database file was: cannot open
    client = webtest.TestApp(app)
    assert client.get("/healthz").status_code == 200, "the process itself is alive"
    answer = client.get("/readyz", status=503)
    assert answer.json["status"] == "unavailable"


def test_preflight_allows_the_api_methods_and_headers(client):
    answer = client.options("/api/articles", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"}, status=204)
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "PUT" in answer.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in answer.headers["Access-Control-Allow-Headers"]


def test_listed_origins_only(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                      "CORS_ORIGINS": "http://localhost:3000, https://conduit.example",
                      **TEST_SETTINGS})
    client = webtest.TestApp(app)
    allowed = client.get("/api/tags", headers={"Origin": "https://conduit.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://conduit.example"
    assert "Origin" in allowed.headers["Vary"], "caches must keep answers per origin"
    refused = client.get("/api/tags", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_errors_carry_cors_headers_too(client):
    answer = client.get("/api/user", headers={"Origin": "http://localhost:3000"}, status=401)
    assert answer.headers["Access-Control-Allow-Origin"] == "*", \
        "a browser can read a 401 only when it carries the CORS header"


def test_one_access_log_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="server"):
        client.get("/api/tags")
        client.get("/api/nowhere", status=404)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2, lines
    assert '"GET /api/tags" 200' in lines[0] and '"GET /api/nowhere" 404' in lines[1]


def test_unexpected_errors_are_logged_not_shown(app, caplog, monkeypatch):
    from server import tags

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(tags, "list_tags", broken)
    app = create_app({"DATABASE_URL": app.config["DATABASE_URL"], **TEST_SETTINGS})
    with caplog.at_level(logging.INFO, logger="server"):
        answer = webtest.TestApp(app).get("/api/tags", status=500)
    assert answer.json == {"errors": {"body": ["internal server error"]}}
    assert "secret detail" not in answer.text, "the traceback must never reach the client"
    assert any("secret detail" in (record.exc_text or "") for record in caplog.records), \
        "the traceback must be in the log"
    assert '"GET /api/tags" 500' in caplog.text, "the access log shows the 500"
