"""Benchmark: four reads of the reference server against a raw ``sqlite3`` twin of them.

    .venv/bin/python -m tests.benchmark_server [--articles 1000] [--seconds 2] [--rounds 10]
        [--concurrency 8] [--only list feed article tags] [--redis [URL]]
        [--twin MODULE:APP] [--quick]

One SQLite database is seeded (``server.seed``) and served four ways at once, each on its own
127.0.0.1 port: the server in production mode (gunicorn, 2 sync workers, ``CONDUIT_ENV=
production``), the server as ``python -m server run`` serves it (one process, threads), and
``tests/raw_twin.py`` under the same gunicorn, with a new connection per request and with
one kept per worker (as the server keeps its own, ``server/database.py``). With ``--redis
[URL]`` (the local Redis unless named) the server is started twice more with ``REDIS_URL``
set, its anonymous reads cached there, and its rows are labelled ``+ Redis``.

Before anything is measured, the twin must make as many queries as the server (counted in
this process, the server's by ``playhouse.test_utils.count_queries``) and every target must
answer every request with the production server's bytes; otherwise the script stops and says
where they differ. Then a load generator in this process (``--concurrency`` threads, each on
its own ``http.client`` connection, kept alive where the server allows it: gunicorn's sync
workers close it after each answer) drives the targets in turn, A B C D A B C D..., in short
bursts of ``--seconds`` per target and endpoint, ``--rounds`` times, each round starting one
target later: whatever else the machine does falls on every target alike. It prints req/s,
p50 and p99 per endpoint and target, each target's req/s over the twins', and whether the
server's aims are met (production mode at least half the kept-connection twin's req/s, ``run``
mode's p99 at most twice production mode's). Not a test: a measurement, printed; only figures
from one run compare, and the README records them.
"""

import argparse
import http.client
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults

from playhouse.test_utils import count_queries

from course import services
from server.app import create_app
from server.seed import DEMO_PASSWORD, seed
from tests.course_helpers import REPO
from tests.raw_twin import create_twin

# What is measured: a name, the path, and whether it is asked with alice's token. The article
# is the newest one, its slug found once the database is seeded.
ENDPOINTS = {
    "list": ("/api/articles?limit=20&offset=0", False),
    "feed": ("/api/articles/feed", True),
    "article": ("/api/articles/{slug}", False),
    "tags": ("/api/tags", False),
}
WORKERS = 2  # gunicorn's sync workers, for the server and the twin alike
TWIN = "tests.raw_twin:create_twin()"
VIEWER = "alice@example.com"  # follows bob and carol in the demo data: a fifth of the articles
QUICK = {"articles": 200, "seconds": 0.5, "rounds": 2}
DEFAULTS = {"articles": 1000, "seconds": 2.0, "rounds": 10}
WARM_UP_SECONDS = 0.5  # per target and endpoint, not counted: workers import, caches fill
LOCAL_REDIS = "redis://127.0.0.1:6379/0"  # what --redis alone uses
CLIENT_TIMEOUT = 30  # seconds a request may take before it counts as failed
STOP_SECONDS = 10


@dataclass
class Target:
    """One thing that serves the API: its label in the table and where it answers."""

    label: str
    url: str
    twin: bool = False
    cached: bool = False  # started with REDIS_URL: anonymous reads come from the shared cache


@dataclass
class Burst:
    """What one burst of load on one target and endpoint gave."""

    latencies: list  # seconds, one per request answered 200
    failures: int  # other statuses and connection errors
    seconds: float


@dataclass
class Figures:
    """A target's figures for one endpoint, all its bursts together."""

    bursts: list = field(default_factory=list)

    @property
    def latencies(self):
        return sorted(latency for burst in self.bursts for latency in burst.latencies)

    @property
    def rate(self):
        seconds = sum(burst.seconds for burst in self.bursts)
        return sum(len(burst.latencies) for burst in self.bursts) / seconds if seconds else 0.0

    @property
    def failures(self):
        return sum(burst.failures for burst in self.bursts)

    def percentile(self, percent):
        """The latency (ms) that ``percent`` % of the requests took at most (nearest rank)."""
        latencies = self.latencies
        if not latencies:
            return math.nan
        return 1000 * latencies[max(0, math.ceil(percent / 100 * len(latencies)) - 1)]


def call(app, method, path, headers=(), body=b""):
    """``(status, body)`` of one request to the WSGI ``app``, in this process."""
    environ = {}
    setup_testing_defaults(environ)
    route, _, query = path.partition("?")
    environ.update({"REQUEST_METHOD": method, "PATH_INFO": route, "QUERY_STRING": query,
                    "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/json",
                    "wsgi.input": BytesIO(body)})
    environ.update({f"HTTP_{name.upper().replace('-', '_')}": value
                    for name, value in dict(headers).items()})
    statuses = []
    answer = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        content = b"".join(answer)
    finally:
        getattr(answer, "close", lambda: None)()
    return int(statuses[0].split()[0]), content


def fetch(url, path, headers=()):
    """``(status, body)`` of one GET over HTTP."""
    status, body, _ = fetch_with_headers(url, path, headers)
    return status, body


def fetch_with_headers(url, path, headers=()):
    """``(status, body, response headers)`` of one GET over HTTP."""
    place = urlsplit(url)
    connection = http.client.HTTPConnection(place.hostname, place.port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("GET", path, headers=dict(headers))
        answer = connection.getresponse()
        return answer.status, answer.read(), answer.headers
    finally:
        connection.close()


def seeded_app(folder, articles, secret_key):
    """The server in this process on a new SQLite database with ``articles`` demo articles."""
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'conduit.sqlite3'}",
                      "SECRET_KEY": secret_key, "LOG_LEVEL": "WARNING"})
    seed(app.config["conduit.database"], app.config, users=10, articles=articles)
    return app


def requests_to_make(app):
    """``{endpoint: (path, headers)}``: alice's token and the newest article's slug found."""
    login = json.dumps({"user": {"email": VIEWER, "password": DEMO_PASSWORD}}).encode()
    status, body = call(app, "POST", "/api/users/login", body=login)
    if status != 200:
        sys.exit(f"Cause: logging in as {VIEWER} answered {status}: {body[:200]!r}. Fix: the "
                 "demo data or the login changed; see server/seed.py.")
    token = {"Authorization": f"Token {json.loads(body)['user']['token']}"}
    slug = json.loads(call(app, "GET", "/api/articles?limit=1")[1])["articles"][0]["slug"]
    return {name: (path.format(slug=slug), token if with_token else {})
            for name, (path, with_token) in ENDPOINTS.items()}


def check_query_counts(app, twin, requests):
    """Stop unless the twin makes as many queries as the server for every request."""
    counts = {}
    for name, (path, headers) in requests.items():
        with count_queries() as server_queries:
            call(app, "GET", path, headers)
        twin.queries = 0
        call(twin, "GET", path, headers)
        if twin.queries != server_queries.count:
            made = [record.msg[0][:60] for record in server_queries.get_queries()]
            sys.exit(f"Cause: for GET {path} the twin made {twin.queries} queries where the "
                     f"server made {server_queries.count}: {made}. Fix: make tests/raw_twin.py "
                     "run the server's queries; nothing was measured.")
        counts[name] = twin.queries
    return counts


def first_difference(expected, got):
    """The index of the first byte where ``got`` differs from ``expected``."""
    return next((index for index, (one, other) in enumerate(zip(expected, got)) if one != other),
                min(len(expected), len(got)))


def check_identical(reference, targets, requests):
    """Stop unless every target answers every request with ``reference``'s status and bytes."""
    for path, headers in requests.values():
        status, expected = fetch(reference.url, path, headers)
        if status != 200:
            sys.exit(f"Cause: the server ({reference.label}) answered GET {path} with {status}: "
                     f"{expected[:200]!r}. Fix: ask python -m server run the same on a seeded "
                     "database to see why; nothing was measured.")
        for target in targets:
            got_status, got = fetch(target.url, path, headers)
            if (got_status, got) != (status, expected):
                at = first_difference(expected, got)
                sys.exit(f"Cause: {target.label} answers GET {path} with status {got_status} "
                         f"and other bytes than the server ({reference.label}) from byte {at} "
                         f"on: the server's {expected[max(0, at - 30):at + 50]!r}, its "
                         f"{got[max(0, at - 30):at + 50]!r}. Fix: make it give the server's "
                         "answer (tests/raw_twin.py for the twin); nothing was measured.")


def check_cached(targets, requests):
    """Stop unless each target started with Redis answers an anonymous read, asked a second
    time, from its shared cache (``X-Cache: HIT``): else its rows would not be cached ones."""
    for target in [target for target in targets if target.cached]:
        for path, headers in requests.values():
            if headers:  # a reader with a token is never served from the shared cache
                continue
            fetch(target.url, path)
            _, _, answer = fetch_with_headers(target.url, path)
            if answer.get("X-Cache") != "HIT":
                sys.exit(f"Cause: {target.label} answered GET {path} asked twice with X-Cache "
                         f"{answer.get('X-Cache')!r}, not from its cache. Fix: check that "
                         "REDIS_URL reaches Redis and that server/cache.py keeps this answer; "
                         "nothing was measured.")


def drive(url, path, headers, seconds, concurrency):
    """Send ``GET path`` from ``concurrency`` threads for ``seconds``, each thread on its own
    keep-alive connection and sending its next request as soon as it has the last answer."""
    place = urlsplit(url)
    deadline = time.perf_counter() + seconds
    results = [([], 0)] * concurrency

    def client(slot):
        connection = http.client.HTTPConnection(place.hostname, place.port,
                                                timeout=CLIENT_TIMEOUT)
        latencies, failures = [], 0
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    answer = connection.getresponse()
                    answer.read()
                except (OSError, http.client.HTTPException):
                    connection.close()  # the next request opens a new connection
                    failures += 1
                    continue
                if answer.status == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures += 1
        finally:
            connection.close()
            results[slot] = (latencies, failures)

    started = time.perf_counter()
    clients = [threading.Thread(target=client, args=(slot,), daemon=True)
               for slot in range(concurrency)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    seconds = time.perf_counter() - started
    return Burst([latency for latencies, _ in results for latency in latencies],
                 sum(failures for _, failures in results), seconds)


@contextmanager
def development_server(folder, env):
    """``python -m server run`` on a free port, as ``make serve`` runs it; stopped on exit."""
    folder.mkdir()
    port = services.free_port()
    log = folder / "output.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "server", "run", "--port", str(port)],
                                   cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=output, start_new_session=True)
    try:
        deadline = time.monotonic() + services.START_SECONDS
        while not answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"Cause: python -m server run did not answer on port {port}:\n"
                         f"{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)
        yield f"http://{services.HOST}:{port}"
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends: the server stops cleanly
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def answers(port):
    try:
        socket.create_connection((services.HOST, port), timeout=1).close()
    except OSError:
        return False
    return True


def start_targets(stack, folder, database_url, secret_key, redis_url, twin_app):
    """Start every target inside ``stack``; returns them, the production server first."""
    imports = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    served = {"DATABASE_URL": database_url, "SECRET_KEY": secret_key, "PYTHONPATH": imports}
    caches = [("", {})] + ([(" + Redis", {"REDIS_URL": redis_url})] if redis_url else [])
    targets = []
    for suffix, cache in caches:
        production = {**served, **cache, "CONDUIT_ENV": "production"}
        service = stack.enter_context(services.gunicorn("server.wsgi:app", workers=WORKERS,
                                                        env=production))
        targets.append(Target(f"production{suffix}", service.url, cached=bool(cache)))
        development = {**os.environ, **served, **cache, "CONDUIT_ENV": "development"}
        targets.append(Target(f"run{suffix}", stack.enter_context(
            development_server(folder / f"run{'-redis' if cache else ''}", development)),
            cached=bool(cache)))
    for connection, label in [("per-request", "twin, new conn"), ("kept", "twin, kept conn")]:
        service = stack.enter_context(services.gunicorn(
            twin_app, workers=WORKERS, env={**served, "TWIN_CONNECTION": connection}))
        targets.append(Target(label, service.url, twin=True))
    return targets


def measure(targets, requests, args):
    """``{(endpoint, target label): Figures}``, the targets taking turns in every round."""
    figures = {(name, target.label): Figures() for name in requests for target in targets}
    for target in targets:
        for path, headers in requests.values():
            drive(target.url, path, headers, min(WARM_UP_SECONDS, args.seconds),
                  args.concurrency)
    for round_number in range(args.rounds):
        started = time.monotonic()
        # Each round starts one target later, so that no target always follows the same one.
        turn = round_number % len(targets)
        for name, (path, headers) in requests.items():
            for target in targets[turn:] + targets[:turn]:
                burst = drive(target.url, path, headers, args.seconds, args.concurrency)
                figures[name, target.label].bursts.append(burst)
        print(f"  round {round_number + 1}/{args.rounds} done in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    return figures


def ratio(one, other):
    return f"{one / other:.2f}" if other else "-"


def print_table(figures, targets, requests):
    twins = [target for target in targets if target.twin]
    columns = ["endpoint", "target", "req/s", "p50 ms", "p99 ms", "failed",
               *[f"÷ {twin.label.removeprefix('twin, ')}" for twin in twins]]
    widths = [8, 18, 8, 8, 8, 7, *[12] * len(twins)]
    print(table_line(columns, widths))
    print("-" * len(table_line(columns, widths)))
    for name in requests:
        for target in targets:
            row = figures[name, target.label]
            cells = [name, target.label, f"{row.rate:.0f}", f"{row.percentile(50):.1f}",
                     f"{row.percentile(99):.1f}", str(row.failures),
                     *[ratio(row.rate, figures[name, twin.label].rate) for twin in twins]]
            print(table_line(cells, widths))


def table_line(cells, widths):
    """One line of the table: the two names left-aligned, the figures right-aligned."""
    return "  ".join(f"{cell:<{width}}" if number < 2 else f"{cell:>{width}}"
                     for number, (cell, width) in enumerate(zip(cells, widths)))


def print_aims(figures, requests):
    """The server's aims: production mode at least half the kept-connection twin's req/s, and
    ``run`` mode's p99 at most twice production mode's."""
    print("Aims: production >= 0.50 of the kept-connection twin; run's p99 <= 2x production's.")
    for name in requests:
        production, run = figures[name, "production"], figures[name, "run"]
        kept = figures[name, "twin, kept conn"]
        share = production.rate / kept.rate if kept.rate else math.nan
        slower = run.percentile(99) / production.percentile(99)
        print(f"  {name:<8} production {share:.2f} of the twin "
              f"({'met' if share >= 0.5 else 'not met'}); run's p99 {slower:.1f}x "
              f"production's ({'met' if slower <= 2 else 'not met'})")


def options(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.benchmark_server",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int,
                        help=f"articles in the database (default {DEFAULTS['articles']})")
    parser.add_argument("--seconds", type=float,
                        help=f"length of one burst (default {DEFAULTS['seconds']:g})")
    parser.add_argument("--rounds", type=int,
                        help=f"bursts per target and endpoint (default {DEFAULTS['rounds']})")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="requests in flight at once: client threads (default 8)")
    parser.add_argument("--only", nargs="+", choices=list(ENDPOINTS), metavar="ENDPOINT",
                        help=f"measure only these endpoints: {', '.join(ENDPOINTS)}")
    parser.add_argument("--redis", metavar="URL", nargs="?", const=LOCAL_REDIS,
                        help="also measure the server with REDIS_URL=URL (default "
                             f"{LOCAL_REDIS}), its anonymous reads cached, labelled + Redis")
    parser.add_argument("--twin", default=TWIN, metavar="APP",
                        help="the twin's WSGI app as gunicorn names it, to try another "
                             f"twin (default {TWIN}); queries are counted on tests/raw_twin.py")
    parser.add_argument("--quick", action="store_true",
                        help="a short run to try the script: "
                             + ", ".join(f"--{name} {value:g}" for name, value in QUICK.items())
                             + " unless given")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else DEFAULTS).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    for name in ("articles", "rounds", "concurrency"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.seconds <= 0:
        parser.error("--seconds must be more than 0")
    return args


def main(argv=None):
    args = options(argv)
    os.environ.pop("REDIS_URL", None)  # the uncached rows must be uncached: --redis sets it
    secret_key = secrets.token_urlsafe(48)
    try:
        with tempfile.TemporaryDirectory(prefix="server-benchmark-") as name, \
                ExitStack() as stack:
            folder = Path(name)
            print(f"Seeding {args.articles} articles in SQLite, {os.cpu_count()} cores...",
                  flush=True)
            app = seeded_app(folder, args.articles, secret_key)
            database_url = app.config["DATABASE_URL"]
            requests = {name: request for name, request in requests_to_make(app).items()
                        if not args.only or name in args.only}
            counts = check_query_counts(app, create_twin(database_url, secret_key,
                                                         count_queries=True), requests)
            print("Queries per request, the server's and the twin's alike: "
                  + ", ".join(f"{name} {count}" for name, count in counts.items()), flush=True)
            print("Starting the servers and the twins...", flush=True)
            targets = start_targets(stack, folder, database_url, secret_key, args.redis,
                                    args.twin)
            check_identical(targets[0], targets[1:], requests)
            print(f"Every target gives the production server's bytes for "
                  f"{', '.join(path for path, _ in requests.values())}.", flush=True)
            check_cached(targets, requests)
            if args.redis:
                print("The targets started with Redis answer anonymous reads from it "
                      "(X-Cache: HIT).", flush=True)
            print(f"Measuring {len(targets)} targets x {len(requests)} endpoints x "
                  f"{args.rounds} rounds of {args.seconds:g} s, {args.concurrency} requests "
                  "in flight:", flush=True)
            figures = measure(targets, requests, args)
            print()
            print_table(figures, targets, requests)
            print()
            print_aims(figures, requests)
            failures = sum(row.failures for row in figures.values())
            if failures:
                print(f"{failures} requests failed (status other than 200, or no answer): "
                      "see the failed column.")
    except (services.Missing, services.ServiceError) as error:
        sys.exit(f"Cause: a target could not be started: {error}")
    except KeyboardInterrupt:
        print("\nStopped: the servers are stopped and their folders removed.", flush=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
