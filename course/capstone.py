"""The capstone's grader: your own Conduit server, started here, judged over real HTTP by the
conformance suite that the reference server passes (``course conformance``).

In the capstone's notebook, ``create_app(database_url)`` is yours; these functions start it on
a free 127.0.0.1 port, on a fresh SQLite database in a temporary folder, and run the checks::

    from course import capstone

    capstone.report(create_app)                # every area, as `course conformance` shows it
    capstone.grade_area(create_app, "users")   # what a test cell does: full marks, or why not
    running = capstone.serve(create_app)       # keep it running, for curl and a terminal
    running.stop()

The reference server may be read but not imported: ``forbid_reference_server()``, run by the
notebook's first cell, makes ``import server`` fail with the reason, and every start checks
that nothing of it was loaded. A handler that raises is answered with a 500 whose error body
names the exception and the cell it came from, so the failing check's ``got:`` line shows it.
"""

import importlib.abc
import json
import sqlite3
import sys
import tempfile
import threading
import traceback
from contextlib import closing, contextmanager
from pathlib import Path

import requests
from cheroot import wsgi

from .conformance import registry
from .conformance.client import PASSWORD, auth, unique
from .conformance.runner import render, run

REFERENCE = "server"
REFUSAL = ("the capstone is your own server: the reference server (the `server` package) may "
           "be read, but not imported. Fix: write that part yourself, in the cells above.")
# Seconds a check waits for each answer: a correct server answers in milliseconds, and a
# handler stuck in a loop must not hold a test cell past its limit.
TIMEOUT = 3
THREADS = 8
STOP_WAIT = 2  # seconds a stop waits for handlers still running


class ServerDidNotStart(Exception):
    """``create_app`` raised: the message says what and where (the course's graders report
    it as the status ``server did not start``)."""


class ReferenceServerRefused(importlib.abc.MetaPathFinder):
    """An import hook that refuses ``server`` and its modules, saying why."""

    def find_spec(self, name, path=None, target=None):
        if is_reference(name):
            raise ImportError(REFUSAL, name=name)
        return None


def forbid_reference_server():
    """Make ``import server`` (and ``from server... import``) fail from now on, in this kernel."""
    if not any(isinstance(finder, ReferenceServerRefused) for finder in sys.meta_path):
        sys.meta_path.insert(0, ReferenceServerRefused())
    for name in [name for name in sys.modules if is_reference(name)]:
        del sys.modules[name]


def is_reference(module_name):
    return module_name == REFERENCE or module_name.startswith(REFERENCE + ".")


def assert_own_code():
    loaded = sorted(name for name in sys.modules if is_reference(name))
    assert not loaded, (f"your server uses the reference server ({', '.join(loaded[:3])} "
                        f"{'is' if len(loaded) == 1 else 'are'} loaded): {REFUSAL}")


def build(create_app, database):
    """``create_app("sqlite:///DATABASE")``, checked to be a WSGI app of the learner's own."""
    url = f"sqlite:///{database}"
    try:
        app = create_app(url)
    except Exception as error:  # the learner's start-up code: said as such, with where
        raised = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        hint = " (not answered yet)" if type(error) is NotImplementedError else ""
        raise ServerDidNotStart(f"your server did not start: create_app(database_url) raised "
                                f"{raised}{hint} ({where(error)})") from None
    assert_own_code()
    assert callable(app), (f"create_app(database_url) must return the app (a bottle.Bottle), "
                           f"not {type(app).__name__}: end it with `return app`")
    if hasattr(app, "catchall"):  # a Bottle app: let a handler's exception reach crash_report
        app.catchall = False
    return app


def where(error):
    """Where ``error`` was raised, as a learner finds it: the function and line of the cell."""
    frames = traceback.extract_tb(error.__traceback__)
    cells = [frame for frame in frames if cell_name(frame.filename)]
    frame = (cells or frames)[-1]
    place = cell_name(frame.filename) or Path(frame.filename).name
    return f"in {frame.name}(), line {frame.lineno} of {place}"


def cell_name(filename):
    """``cell In[5]`` for code compiled from a notebook cell, else None."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is None or not hasattr(shell.compile, "format_code_name"):
        return None
    named = shell.compile.format_code_name(filename)
    return f"cell {named[1]}" if named else None


def crash_report(app):
    """``app`` as a WSGI app that answers a handler's exception with a 500 saying where it was
    raised, in the error shape."""
    def answer(environ, start_response):
        try:
            return app(environ, start_response)
        except Exception as error:  # the learner's handler raised: report it, keep serving
            line = (f"the server crashed on {environ.get('REQUEST_METHOD')} "
                    f"{environ.get('PATH_INFO')}: {type(error).__name__}: {error} "
                    f"({where(error)})")
            body = json.dumps({"errors": {"body": [line]}}).encode()
            start_response("500 Internal Server Error",
                           [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body)))], sys.exc_info())
            return [body]
    return answer


class Running:
    """A learner's server serving in a background thread: ``url`` is its API's base URL."""

    def __init__(self, app, folder=None):
        self.folder = folder
        self._server = wsgi.Server(("127.0.0.1", 0), crash_report(app), numthreads=THREADS)
        self._server.expiration_interval = 0.05  # how long stop() may wait for the loop
        self._server.prepare()
        self.url = f"http://127.0.0.1:{self._server.bind_addr[1]}/api"
        self._thread = threading.Thread(target=self._server.serve, name="capstone-server",
                                        daemon=True)
        self._thread.start()

    def stop(self):
        # cheroot's stop() waits for every handler to finish, and a learner's may never: it
        # stops in a thread of its own, given a moment. The port is closed at once either way.
        stopping = threading.Thread(target=self._server.stop, name="capstone-stop", daemon=True)
        stopping.start()
        stopping.join(timeout=STOP_WAIT)
        self._thread.join(timeout=STOP_WAIT)
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def __repr__(self):
        return f"<your server at {self.url}>"


@contextmanager
def running(create_app, database=None):
    """Serve ``create_app``'s app for the ``with`` block; yields the ``Running`` server.

    ``database`` is the SQLite file to serve (made by your ``create_app`` when missing); by
    default a fresh one in a temporary folder, removed afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="capstone-") as folder:
        server = Running(build(create_app, database or Path(folder) / "conduit.sqlite3"))
        try:
            yield server
        finally:
            server.stop()


def serve(create_app, database=None):
    """Start your server and leave it running (``.stop()`` stops it), to try it with curl, a
    browser or ``course conformance URL`` in a terminal."""
    folder = None if database else tempfile.TemporaryDirectory(prefix="capstone-")
    server = Running(build(create_app, database or Path(folder.name) / "conduit.sqlite3"),
                     folder)
    print(f"Your server answers at {server.url} (try {server.url}/tags). In a terminal: "
          f"course conformance {server.url}. Stop it with .stop().")
    return server


def check(create_app, area=None, database=None):
    """The conformance report of your server (one area, or all), on a fresh database."""
    with running(create_app, database) as server:
        return run(server.url, checks_of(area), timeout=TIMEOUT)


def checks_of(area):
    from .conformance.checks import select  # registers every check on first import

    if area is not None and area not in registry.AREAS:
        raise ValueError(f"unknown area {area!r}: one of {', '.join(registry.AREAS)}")
    return select(area)


def report(create_app, area=None):
    """Print the conformance report of your server, as ``course conformance`` prints it."""
    print(render(check(create_app, area)))


def grade_area(create_app, area):
    """A test cell's check: every check of ``area`` passes, or an ``AssertionError`` whose first
    line names the first failure (the cell's output shows each, with its replay line)."""
    result = check(create_app, area)
    row = result.areas()[0]
    failures = [r for r in result.results if not r.passed]
    if not failures:
        print(f"{area}: {row['earned']}/{row['possible']} points, all {row['checks']} checks "
              "passed")
        return
    print(failed_checks(result))
    raise AssertionError(f"{area}: {row['earned']}/{row['possible']} points, {len(failures)} of "
                         f"{row['checks']} checks failed, first: {failures[0].check.requirement}"
                         " (each failure is shown below, with its replay line)")


SHOWN = 3  # failing checks shown in full; the others by their requirement


def failed_checks(report):
    """The first failing checks in a few lines each: the requirement, the request, what was
    expected, what came back, and a curl line that replays it (against a server started with
    ``serve``, whose port is another); then the requirements of the others."""
    failures = [result for result in report.results if not result.passed]
    lines = []
    for number, result in enumerate(failures):
        lines.append(f"FAILED [{result.check.area}] {result.check.requirement}")
        if number >= SHOWN:
            continue
        exchange = result.exchange
        if exchange is not None:
            body = exchange.body_text(limit=160)
            lines.append(f"  request:  {exchange.method} {exchange.url.split('/api', 1)[-1]}"
                         + (f" {body}" if body else ""))
        lines.append(f"  expected: {brief(result.message)}")
        if exchange is not None:
            lines += [f"  got:      {brief(exchange.answer())}", f"  replay:   {exchange.curl()}"]
    return "\n".join(lines)


def brief(text, limit=200):
    """``text`` on one line, cut at ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def grade_second_run(create_app):
    """A test cell's check: after a restart on the same database, what a first run left
    behind is still there (a user logs in, an article is found) and every check that passed on
    the fresh database passes again (new users and titles, beside the old ones)."""
    with tempfile.TemporaryDirectory(prefix="capstone-") as folder:
        database = Path(folder) / "conduit.sqlite3"
        with running(create_app, database) as server:
            first = run(server.url, checks_of(None), timeout=TIMEOUT)
            kept = leave_behind(server.url)
        assert_in_file(database, kept["user"]["username"])
        with running(create_app, database) as server:
            find_again(server.url, kept)
            second = run(server.url, checks_of(None), timeout=TIMEOUT)
    passed_first = {r.check.name for r in first.results if r.passed}
    lost = [r for r in second.results if r.check.name in passed_first and not r.passed]
    if lost:
        print(failed_checks(second))
        raise AssertionError(f"on the second run, on the same database after a restart, "
                             f"{len(lost)} check{'s' if len(lost) != 1 else ''} that passed on "
                             f"a fresh database failed, first: [{lost[0].check.area}] "
                             f"{lost[0].check.requirement}: {lost[0].message}")
    print(f"second run: the data survived the restart, and all {len(passed_first)} checks that "
          "passed on a fresh database passed again")


def leave_behind(api):
    """Register a user and publish an article; what ``find_again`` looks for after a restart."""
    name = unique("kept")
    user = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    r = requests.post(f"{api}/users", json={"user": user}, timeout=TIMEOUT)
    assert r.status_code in (200, 201), (f"registering {name} answered {r.status_code}: "
                                         "registration must work before data can last")
    token = r.json()["user"]["token"]
    article = {"title": unique("Kept"), "description": "kept", "body": "kept", "tagList": []}
    r = requests.post(f"{api}/articles", json={"article": article}, headers=auth(token),
                      timeout=TIMEOUT)
    assert r.status_code in (200, 201), (f"publishing an article answered {r.status_code}: "
                                         "articles must work before data can last")
    return {"user": user, "slug": r.json()["article"]["slug"]}


def assert_in_file(database, text):
    """Fail unless the SQLite file ``database`` holds ``text`` in a row of one of its tables:
    data kept in Python's memory would survive a restart in the same process, not a real one."""
    assert database.is_file(), (f"create_app(database_url) must keep its data in the database "
                                f"it is given, and {database} was never made")
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        tables = [row[0] for row in
                  connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            quoted = table.replace('"', '""')
            for row in connection.execute(f'SELECT * FROM "{quoted}"'):
                if text in row:
                    return
    raise AssertionError(f"the user {text}, registered before the restart, is in no table of "
                         f"the database create_app was given: users must be kept there")


def find_again(api, kept):
    user = kept["user"]
    r = requests.post(f"{api}/users/login", timeout=TIMEOUT,
                      json={"user": {"email": user["email"], "password": user["password"]}})
    assert r.status_code == 200, (f"after a restart on the same database, {user['username']}, "
                                  f"registered before it, cannot log in (answered "
                                  f"{r.status_code}): the users must be kept in the database")
    r = requests.get(f"{api}/articles/{kept['slug']}", timeout=TIMEOUT)
    assert r.status_code == 200, (f"after a restart on the same database, the article "
                                  f"{kept['slug']!r}, published before it, is not found "
                                  f"(answered {r.status_code}): articles must be kept")
