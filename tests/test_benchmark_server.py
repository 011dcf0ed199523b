"""``tests.benchmark_server``: its table has every row, and it refuses a twin that differs.

The figures themselves are timings and are never checked: only what the script counts (rows,
failed requests, queries) and what it says.
"""

import os
import re
import secrets
import subprocess
import sys

import pytest

from tests.benchmark_server import (ENDPOINTS, LOCAL_REDIS, check_query_counts,
                                    requests_to_make, seeded_app)
from tests.course_helpers import REPO
from tests.raw_twin import RawTwin, create_twin

TARGETS = ["production", "run", "twin, new conn", "twin, kept conn"]
CACHED_TARGETS = ["production + Redis", "run + Redis"]
SHORT_RUN = ["--quick", "--articles", "30", "--seconds", "0.2", "--rounds", "1"]
FLAWED_TWIN = '''
"""The raw twin with the tags in the opposite order: an answer of the same length, other bytes."""
import json

from tests.raw_twin import create_twin


def create_app():
    twin = create_twin()

    def app(environ, start_response):
        body = b"".join(twin(environ, start_response))
        if environ["PATH_INFO"] == "/api/tags":
            body = json.dumps({"tags": json.loads(body)["tags"][::-1]}).encode()
        return [body]

    return app
'''


def benchmark(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tests.benchmark_server", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=240, env=env)


def table_rows(output):
    """``{(endpoint, target): failed requests}`` from the printed table."""
    rows = {}
    for line in output.splitlines():
        found = re.match(r"(\w+) +((?:production|run)(?: \+ Redis)?|twin, new conn|"
                         r"twin, kept conn) +"
                         r"[\d.]+ +[\d.]+ +[\d.]+ +(\d+) ", line)
        if found:
            rows[found[1], found[2]] = int(found[3])
    return rows


def test_a_quick_run_checks_the_answers_and_prints_every_row():
    done = benchmark(*SHORT_RUN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Every target gives the production server's bytes" in done.stdout
    assert re.search(r"Queries per request, the server's and the twin's alike: list \d+, "
                     r"feed \d+, article \d+, tags \d+", done.stdout), done.stdout
    rows = table_rows(done.stdout)
    assert set(rows) == {(endpoint, target) for endpoint in ENDPOINTS for target in TARGETS}, \
        done.stdout
    assert set(rows.values()) == {0}, f"no request may fail:\n{done.stdout}"
    assert len(re.findall(r"^  \w+ +production [\d.]+ of the twin", done.stdout, re.M)) == 4


def test_with_redis_the_cached_server_gets_rows_of_its_own():
    if not redis_answers():
        pytest.skip(f"no Redis answers at {LOCAL_REDIS}")
    done = benchmark(*SHORT_RUN, "--only", "list", "tags", "--redis")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "answer anonymous reads from it (X-Cache: HIT)" in done.stdout, done.stdout
    rows = table_rows(done.stdout)
    assert set(rows) == {(endpoint, target) for endpoint in ("list", "tags")
                         for target in TARGETS + CACHED_TARGETS}, done.stdout
    assert set(rows.values()) == {0}, f"no request may fail:\n{done.stdout}"


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(LOCAL_REDIS, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def test_only_measures_the_endpoints_named():
    done = benchmark(*SHORT_RUN, "--only", "tags", "feed")
    assert done.returncode == 0, done.stdout + done.stderr
    assert {endpoint for endpoint, _ in table_rows(done.stdout)} == {"tags", "feed"}


def test_a_twin_answering_other_bytes_is_refused_before_measuring(tmp_path):
    (tmp_path / "flawed_twin.py").write_text(FLAWED_TWIN)
    done = benchmark(*SHORT_RUN, "--only", "tags", "--twin", "flawed_twin:create_app()",
                     env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "twin, new conn answers GET /api/tags with status 200 and other bytes" in done.stderr
    assert "nothing was measured" in done.stderr
    assert "Measuring" not in done.stdout and not table_rows(done.stdout)


class ChattyTwin(RawTwin):
    """A twin that asks the database one more question than the server for every request."""

    def answer(self, database, environ):
        database.execute("SELECT 1").fetchone()
        return super().answer(database, environ)


def test_a_twin_making_other_queries_is_refused(tmp_path):
    secret_key = secrets.token_urlsafe(32)
    app = seeded_app(tmp_path, 5, secret_key)
    requests = requests_to_make(app)
    url = app.config["DATABASE_URL"]
    counts = check_query_counts(app, create_twin(url, secret_key, count_queries=True),
                                requests)
    assert set(counts) == set(ENDPOINTS) and all(count >= 1 for count in counts.values())
    chatty = ChattyTwin(url.removeprefix("sqlite:///"), secret_key, count_queries=True)
    with pytest.raises(SystemExit, match=rf"the twin made {counts['list'] + 1} queries where "
                                         rf"the server made {counts['list']}"):
        check_query_counts(app, chatty, requests)
