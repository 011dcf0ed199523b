"""``LOG_FORMAT=json``: one JSON object a line, for every request and every other log record."""

import json
import logging
import re
import signal
import sys
from datetime import datetime, timezone

import pytest
import requests
import webtest

from server import create_app
from server.config import ConfigError, load_config
from server.logs import JsonLines

from .conftest import TEST_SETTINGS
from .test_graceful_shutdown import Server

KEY = {"SECRET_KEY": "k" * 40}
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture(scope="module")
def json_lines(tmp_path_factory):
    """The log of a real ``python -m server run`` with LOG_FORMAT=json, after three requests."""
    server = Server(tmp_path_factory.mktemp("json-logs"), ["run"], LOG_FORMAT="json")
    try:
        base = f"http://127.0.0.1:{server.port}"
        requests.get(f"{base}/api/tags", headers={"User-Agent": "log-test/1.0"}, timeout=30)
        # A path holding a quote and a newline, which a text log would print as they are.
        requests.get(f"{base}/api/profiles/a%22b%0Ac%7D", timeout=30)
        requests.post(f"{base}/api/users", json={}, timeout=30)
        server.process.send_signal(signal.SIGTERM)
        assert server.exit_code() == 0, "".join(server.seen)
    finally:
        server.kill()
    return server.seen


def records(lines):
    """Every log line as the object it holds; the banner (printed, not logged) left out."""
    return [json.loads(line) for line in lines if not line.startswith("Conduit API on")]


def access_records(lines):
    """The requests' records, but for the start's wait for /healthz."""
    return [record for record in records(lines)
            if "route" in record and record["route"] != "/healthz"]


def test_every_log_line_is_one_json_object(json_lines):
    found = records(json_lines)
    assert found and all(type(record) is dict for record in found)
    assert all(set(record) >= {"time", "level", "logger", "message"} for record in found)
    messages = [record["message"] for record in found]
    assert any("stopped" in message for message in messages), \
        "records other than requests are JSON too"
    assert any("0001_initial: applied" in message for message in messages)


def test_each_request_is_one_record_with_its_fields(json_lines):
    tags, profile, register = access_records(json_lines)
    assert {key: tags[key] for key in ("method", "path", "route", "status", "client",
                                       "user_agent", "level", "logger")} == {
        "method": "GET", "path": "/api/tags", "route": "/api/tags", "status": 200,
        "client": "127.0.0.1", "user_agent": "log-test/1.0", "level": "INFO",
        "logger": "server"}
    assert type(tags["duration_ms"]) is float and tags["duration_ms"] >= 0
    assert ISO_UTC.match(tags["time"]), tags["time"]
    moment = datetime.fromisoformat(tags["time"])
    assert moment.utcoffset().total_seconds() == 0 and abs(
        (datetime.now(timezone.utc) - moment).total_seconds()) < 300, "the time is UTC, now"
    assert (register["method"], register["route"], register["status"]) == \
        ("POST", "/api/users", 422)
    assert (profile["route"], profile["status"]) == ("/api/profiles/<username>", 404)


def test_a_path_with_quotes_and_newlines_stays_on_one_line(json_lines):
    profile = access_records(json_lines)[1]
    assert profile["path"] == '/api/profiles/a"b\nc}', "the path is kept as it came"
    assert all(line.count("\n") == 1 for line in json_lines), "one record, one line"


def test_a_traceback_stays_inside_its_record():
    try:
        raise ValueError("broken\nin two lines")
    except ValueError:
        record = logging.getLogger("server").makeRecord(
            "server", logging.ERROR, __file__, 1, "unhandled error in %s", ("GET /x",),
            sys.exc_info())
    line = JsonLines().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "unhandled error in GET /x" and parsed["level"] == "ERROR"
    assert "ValueError: broken\nin two lines" in parsed["exception"]


def test_an_unknown_log_format_says_what_to_do():
    with pytest.raises(ConfigError) as raised:
        load_config({"LOG_FORMAT": "xml", **KEY}, environ={})
    message = str(raised.value)
    assert message.startswith("Cause: LOG_FORMAT='xml' is not one of text, json") \
        and "Fix:" in message, message
    assert load_config(KEY, environ={})["LOG_FORMAT"] == "text", "text is the default"


def test_a_text_log_line_escapes_a_newline_in_the_path(tmp_path, caplog):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}", **TEST_SETTINGS,
                      "LOG_LEVEL": "INFO"})
    try:
        with caplog.at_level(logging.INFO, logger="server"):
            webtest.TestApp(app).get("/api/profiles/a%0A127.0.0.1%20forged", status=404)
    finally:
        app.config["conduit.database"].close()
    [record] = [record for record in caplog.records if hasattr(record, "http")]
    assert record.http["path"] == "/api/profiles/a\n127.0.0.1 forged", "kept as it came"
    assert record.getMessage().endswith(
        '"GET /api/profiles/a\\n127.0.0.1 forged" 404 ' + record.getMessage().split()[-1])
    assert "\n" not in record.getMessage(), "a text line cannot be split in two"
