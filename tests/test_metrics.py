"""``/metrics``: request counts and durations in the Prometheus text format, per app."""

import json
import socket
import time

import pytest
import requests
import webtest
from playhouse.test_utils import count_queries
from prometheus_client.parser import text_string_to_metric_families

from course import services
from server import create_app

from .conftest import TEST_SETTINGS

REQUESTS = "conduit_http_requests_total"
DURATIONS = "conduit_http_request_duration_seconds_count"


def new_app(folder, name="conduit"):
    return create_app({"DATABASE_URL": f"sqlite:///{folder / name}.sqlite3", **TEST_SETTINGS})


@pytest.fixture
def client(tmp_path):
    app = new_app(tmp_path)
    yield webtest.TestApp(app)
    app.config["conduit.database"].close()


def samples(text, name):
    """``{labels as a sorted tuple: value}`` of the samples called ``name`` in ``text``."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


def scrape(client, name=REQUESTS):
    return samples(client.get("/metrics").text, name)


def change(before, after):
    """The series whose value moved between two scrapes, and by how much."""
    return {labels: after[labels] - before.get(labels, 0) for labels in after
            if after[labels] != before.get(labels, 0)}


def series(method, route, status=None):
    labels = {"method": method, "route": route}
    if status is not None:
        labels["status"] = str(status)
    return tuple(sorted(labels.items()))


def make_requests(client):
    """Two 200s, a 404 of a route and one of no route, a 422 and a 401."""
    client.get("/api/tags")
    client.get("/api/tags")
    client.get("/api/articles/no-such-article", status=404)
    client.get("/no/such/page", status=404)
    client.post_json("/api/users", {}, status=422)
    client.get("/api/user", status=401)


EXPECTED = {series("GET", "/api/tags", 200): 2,
            series("GET", "/api/articles/<slug>", 404): 1,
            series("GET", "(unmatched)", 404): 1,
            series("POST", "/api/users", 422): 1,
            series("GET", "/api/user", 401): 1,
            series("GET", "/metrics", 200): 1}  # the first scrape itself


def test_counts_move_exactly_by_the_requests_made(client):
    before = scrape(client)
    make_requests(client)
    assert change(before, scrape(client)) == EXPECTED, \
        "each request is counted once, under its route's rule and its status"


def test_the_duration_histogram_counts_the_same_requests(client):
    before = scrape(client, DURATIONS)
    make_requests(client)
    expected = {}
    for labels, count in EXPECTED.items():
        without_status = tuple(label for label in labels if label[0] != "status")
        expected[without_status] = expected.get(without_status, 0) + count
    assert change(before, scrape(client, DURATIONS)) == expected, \
        "one duration is observed for every request counted"
    text = client.get("/metrics").text
    buckets = samples(text, "conduit_http_request_duration_seconds_bucket")
    tags = [value for labels, value in buckets.items()
            if ("route", "/api/tags") in labels and ("le", "+Inf") in labels]
    assert tags == [2], "the +Inf bucket holds every request of the route"


def test_a_path_is_never_a_label_value(client):
    client.get("/api/articles/a-slug-nobody-wrote", status=404)
    client.get("/api/profiles/someone-unknown", status=404)
    # WebTest's checker refuses a method HTTP does not define; a real client can send it.
    webtest.TestApp(client.app, lint=False).request("/api/tags", method="BREW", status=405)
    text = client.get("/metrics").text
    assert "a-slug-nobody-wrote" not in text and "someone-unknown" not in text
    counted = scrape(client)
    assert counted[series("GET", "/api/profiles/<username>", 404)] == 1
    assert counted[series("(other)", "(unmatched)", 405)] == 1, \
        "an unknown method is (other): clients must not make new series at will"


def test_two_apps_do_not_share_counts(tmp_path):
    first, second = new_app(tmp_path, "first"), new_app(tmp_path, "second")
    try:
        one, two = webtest.TestApp(first), webtest.TestApp(second)
        for _ in range(3):
            one.get("/api/tags")
        two.get("/api/tags")
        assert scrape(one)[series("GET", "/api/tags", 200)] == 3
        assert scrape(two)[series("GET", "/api/tags", 200)] == 1, \
            "each app counts only its own requests"
    finally:
        first.config["conduit.database"].close()
        second.config["conduit.database"].close()


def test_the_page_is_prometheus_text_that_no_cache_keeps(client):
    answer = client.get("/metrics")
    assert answer.content_type == "text/plain" and "version=0.0.4" in answer.headers[
        "Content-Type"], answer.headers["Content-Type"]
    assert answer.headers["Cache-Control"] == "no-store"
    families = {family.name: family.type for family in text_string_to_metric_families(
        answer.text)}
    assert families["conduit_http_requests"] == "counter"
    assert families["conduit_http_request_duration_seconds"] == "histogram"


def test_counting_makes_no_sql_query(client):
    client.get("/metrics")
    with count_queries() as counter:
        client.get("/metrics")
        client.get("/healthz")
    assert counter.count == 0, "metrics are counted in memory, never in the database"


def test_two_gunicorn_workers_report_their_counts_together(tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR, whichever worker answers /metrics shows every worker's."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    env = {"DATABASE_URL": "sqlite:///{folder}/conduit.sqlite3",
           "PROMETHEUS_MULTIPROC_DIR": str(folder),
           **{key: str(value) for key, value in TEST_SETTINGS.items()}}
    with services.gunicorn("server.wsgi:app", workers=2, env=env) as web:
        # A login whose body has not all arrived keeps one worker busy, so the next
        # requests go to the other: both then have counts of their own.
        with socket.create_connection(("127.0.0.1", web.port), timeout=30) as slow:
            body = json.dumps({"user": {"email": "a@example.com", "password": "x"}}).encode()
            slow.sendall(b"POST /api/users/login HTTP/1.1\r\nHost: x\r\nConnection: close"
                         b"\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body[:5])
            time.sleep(0.5)  # for the worker to take it
            for _ in range(5):
                assert requests.get(f"{web.url}/api/tags", timeout=30).status_code == 200
            slow.sendall(body[5:])
            assert slow.recv(100).startswith(b"HTTP/1.1 422"), "the login is answered too"
        assert len(list(folder.glob("counter_*.db"))) == 2, "each worker writes its counts"
        for _ in range(6):  # a new connection each time, to either worker
            counted = samples(requests.get(f"{web.url}/metrics", timeout=30).text, REQUESTS)
            assert counted[series("GET", "/api/tags", 200)] == 5 and counted[
                series("POST", "/api/users/login", 422)] == 1, \
                f"every scrape adds up both workers' counts: {counted}"
