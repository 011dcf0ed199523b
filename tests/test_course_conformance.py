"""``course conformance URL``: the conformance suite against running servers, over loopback.

The reference server must score full marks. Copies of it with one planted defect each (a WSGI
middleware or a route override around ``server.create_app()``, built here and served by
``server.testing.serve_app``) must lose points in exactly the area the defect belongs to, and
the report must name the requirement they break. A closed port and an HTTP server that is not
a Conduit API must give one clean line and exit 2.
"""

import json
import re
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from course.cli import main
from course.conformance import AREAS, select
from course.services import free_port
from server.app import create_app
from server.testing import live_server, serve_app


def conformance(capsys, *args):
    """Run ``course conformance ARGS --json``; answers the exit code, the JSON report on
    stdout (parsed) and stderr, which holds the table."""
    code = main(["conformance", *args, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def scores(report):
    return {row["area"]: (row["earned"], row["possible"]) for row in report["areas"]}


def failing(report):
    return [check for check in report["checks"] if not check["passed"]]


@contextmanager
def served(change):
    """The reference server with ``change(app)`` applied; yields its API URL. ``change``
    answers the WSGI application to serve (the app itself, or a middleware around it)."""
    with tempfile.TemporaryDirectory(prefix="conduit-planted-") as folder:
        app = create_app({"DATABASE_URL": f"sqlite:///{Path(folder) / 'conduit.sqlite3'}",
                          "SECRET_KEY": secrets.token_urlsafe(32), "LOG_LEVEL": "ERROR",
                          "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
        try:
            with serve_app(change(app), name="conduit-planted") as origin:
                yield f"{origin}/api"
        finally:
            app.config["conduit.database"].close()


def rewrite(app, when, status=None, body=None):
    """A middleware: for requests where ``when(method, path)`` holds and the answer is a 200,
    replace the status line by ``status`` and/or the JSON body by ``body(data)``."""
    def middleware(environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if not when(method, path):
            return app(environ, start_response)
        captured = {}

        def keep(line, headers, exc_info=None):
            captured.update(line=line, headers=headers)

        chunks = app(environ, keep)
        content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        line, headers = captured["line"], captured["headers"]
        if line.startswith("200"):
            if body is not None:
                content = json.dumps(body(json.loads(content))).encode()
            line = status or line
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "etag")]
        start_response(line, headers + [("Content-Length", str(len(content)))])
        return [content]

    return middleware


def put_user_answers_201(app):
    return rewrite(app, lambda method, path: (method, path) == ("PUT", "/api/user"),
                   status="201 Created")


def profile_without_image(app):
    def drop(data):
        data["profile"].pop("image")
        return data
    return rewrite(app, lambda method, path: method == "GET" and re.fullmatch(
        r"/api/profiles/[^/]+", path), body=drop)


def unsorted_tag_lists(app):
    def reverse(data):
        for article in data.get("articles", []) + [data.get("article") or {}]:
            if "tagList" in article:
                article["tagList"] = sorted(article["tagList"], reverse=True)
        return data
    return rewrite(app, lambda method, path: path.startswith("/api/articles")
                   and "/comments" not in path, body=reverse)


def articles_count_of_the_page(app):
    def count_the_page(data):
        data["articlesCount"] = len(data["articles"])
        return data
    return rewrite(app, lambda method, path: (method, path) == ("GET", "/api/articles"),
                   body=count_the_page)


def feed_of_everyone(app):
    """GET /api/articles/feed answers the global list (for a request with a token)."""
    def middleware(environ, start_response):
        if (environ["REQUEST_METHOD"], environ.get("PATH_INFO")) == \
                ("GET", "/api/articles/feed") and environ.get("HTTP_AUTHORIZATION"):
            environ = {**environ, "PATH_INFO": "/api/articles"}
        return app(environ, start_response)
    return middleware


def delete_without_ownership_check(app):
    from bottle import response

    from server.articles import find_article

    def delete_anyones_article(slug, viewer):
        find_article(slug).delete_instance()
        response.status = 204

    app.delete("/api/articles/<slug>", callback=delete_anyones_article, auth="required")
    return app


def slow_feed(app):
    def middleware(environ, start_response):
        if environ.get("PATH_INFO") == "/api/articles/feed":
            time.sleep(2.5)
        return app(environ, start_response)
    return middleware


# defect: (area that loses points, a check that must fail, options)
DEFECTS = {
    "PUT /user answers 201": (put_user_answers_201, "users", "update_bio_and_image", []),
    "a profile without image": (profile_without_image, "profiles", "profile_anonymously", []),
    "unsorted tagList": (unsorted_tag_lists, "tags", "reference_tag_lists_are_sorted",
                         ["--reference"]),
    "articlesCount of the page": (articles_count_of_the_page, "lists",
                                  "list_pages_with_limit_and_offset", []),
    "a feed of unfollowed authors": (feed_of_everyone, "feed",
                                     "feed_shows_only_followed_authors", []),
    "delete without an ownership check": (delete_without_ownership_check, "errors",
                                          "someone_else_cannot_update_or_delete_an_article",
                                          []),
}


def test_the_reference_server_scores_full_marks_twice_on_the_same_database(capsys):
    with live_server() as api:
        start = time.monotonic()
        assert main(["conformance", api]) == 0
        table = capsys.readouterr().out
        assert time.monotonic() - start < 60, "a run takes under a minute"
        assert re.search(r"^total +(\d+)/\1 +(\d+)/\2 ", table, re.MULTILINE), table
        assert f"All {len(select())} checks passed" in table and "FAILED" not in table
        # Again on the same database, the URL without /api, the reference choices included.
        code, report, table = conformance(capsys, api.removesuffix("/api"), "--reference")
        assert code == 0, table
        assert report["passed"] and not failing(report), failing(report)
        assert report["points"]["earned"] == report["points"]["possible"] > 100
        assert set(scores(report)) == set(AREAS), "every area runs"
        assert report["url"] == api, "the URL without /api finds the API under /api"
        assert report["cleaned_up"]["articles"] > 0
        # What the checks made is deleted: the demo data's articles are all that is left.
        assert requests.get(f"{api}/articles", timeout=10).json()["articlesCount"] == 30


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_a_planted_defect_costs_points_in_its_area_only(capsys, defect):
    change, area, check_name, options = DEFECTS[defect]
    with served(change) as api:
        code, report, table = conformance(capsys, api, *options)
    assert code == 1, f"a server with {defect} must not pass: {table}"
    for name, (earned, possible) in scores(report).items():
        if name == area:
            assert earned < possible, f"{defect} must cost points in {area}"
        else:
            assert earned == possible, f"{defect} must cost nothing in {name}: {table}"
    names = [check["name"] for check in failing(report)]
    assert check_name in names, f"{defect} must fail {check_name}, failed {names}"
    failure = next(check for check in failing(report) if check["name"] == check_name)
    assert failure["requirement"] in table, "the table names the failing requirement"
    assert failure["curl"] in table and failure["got"] in table
    assert failure["request"]["url"].startswith(api) and failure["expected"]


def test_unsorted_tag_lists_are_a_reference_choice_only(capsys):
    with served(unsorted_tag_lists) as api:
        code, report, table = conformance(capsys, api)
    assert code == 0, "the spec leaves the order of tagList open: " + table


def test_a_failure_shows_its_request_and_a_curl_line_that_replays_it(capsys):
    with served(put_user_answers_201) as api:
        code, report, table = conformance(capsys, api, "--area", "users")
        failure = next(check for check in failing(report)
                       if check["name"] == "update_bio_and_image")
        assert failure["request"]["method"] == "PUT" and \
            failure["request"]["url"] == f"{api}/user"
        assert json.loads(failure["request"]["body"]) == {
            "user": {"bio": "I write tests.", "image": "https://example.com/me.png"}}
        assert failure["response"]["status"] == 201
        assert "must answer 200, got 201" in failure["expected"]
        assert "Authorization: Token " in failure["curl"]
        replay = subprocess.run(["bash", "-c", failure["curl"]], capture_output=True,
                                text=True, timeout=30)
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout.startswith("HTTP/1.1 201"), "the curl line sends the same request"
    assert '"bio": "I write tests."' in replay.stdout.replace('":"', '": "')


def test_json_matches_the_table(capsys):
    with served(articles_count_of_the_page) as api:
        code, report, table = conformance(capsys, api)
    assert code == 1
    for row in report["areas"]:
        line = next(line for line in table.splitlines() if line.startswith(row["area"] + " "))
        assert f"{row['earned']}/{row['possible']}" in line
        assert f"{row['passed']}/{row['checks']}" in line
    total = next(line for line in table.splitlines() if line.startswith("total"))
    assert f"{report['points']['earned']}/{report['points']['possible']}" in total
    assert len(failing(report)) == table.count("\nFAILED ")
    assert report["checks_run"] == len(report["checks"])


def test_area_runs_only_that_area(capsys):
    with live_server() as api:
        code, report, table = conformance(capsys, api, "--area", "tags")
    assert code == 0
    assert set(scores(report)) == {"tags"}
    assert {check["area"] for check in report["checks"]} == {"tags"}


def test_an_unknown_area_is_a_usage_error_listing_the_areas(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["conformance", "http://127.0.0.1:9/api", "--area", "nope"])
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert "nope" in error and all(area in error for area in AREAS)


def test_a_server_that_hangs_fails_the_check_after_the_timeout(capsys):
    with served(slow_feed) as api:
        start = time.monotonic()
        code, report, table = conformance(capsys, api, "--area", "feed", "--timeout", "1")
    assert code == 1
    assert time.monotonic() - start < 15, "a hang costs the timeout, not the run"
    assert scores(report)["feed"][0] == 0
    assert all("no answer within 1 s" in check["expected"] for check in failing(report))
    assert "no answer within 1 s" in table


def test_a_closed_port_is_one_clean_line(capsys):
    url = f"http://127.0.0.1:{free_port()}/api"
    assert main(["conformance", url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert "nothing answers at http://127.0.0.1:" in err and "course serve" in err
    assert "Traceback" not in err


def test_an_http_server_that_is_not_conduit_is_one_clean_line(capsys, tmp_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                               str(port)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        assert main(["conformance", f"http://127.0.0.1:{port}"]) == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert "does not look like a Conduit API" in err and "404" in err
    assert "Traceback" not in err


def test_a_url_that_is_not_http_is_a_usage_error(capsys):
    assert main(["conformance", "ftp://127.0.0.1/api"]) == 2
    assert "not an http:// URL" in capsys.readouterr().err
