"""Turning a ``DATABASE_URL`` into a database, and binding it to the models while a request runs.

The database keeps its connections between requests (``KeptConnections``), and the queries a
page makes every time have their SQL written once (``written_once``): the two costs that
outweighed running the queries themselves.

The models talk to ``db``, a stand-in that each app points at its own database for the length of a
request. That lets one process hold several apps on different databases at once (a notebook with a
live server in a thread and an app under test beside it) without them writing into each other.
"""

import functools
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import peewee
from playhouse.db_url import parse
from playhouse.pool import PooledMySQLDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

from .config import ConfigError

SQLITE_PRAGMAS = {
    "journal_mode": "wal",  # readers do not block the writer
    "foreign_keys": 1,  # enforce REFERENCES and ON DELETE CASCADE
    "busy_timeout": 5000,  # wait up to 5 s for a lock instead of failing at once
    "synchronous": "normal",  # safe with WAL, and much faster than "full"
}


class RequestDatabase(peewee.DatabaseProxy):
    """A DatabaseProxy whose target is set per thread, falling back to a process-wide default."""

    __slots__ = ("_local", "_default")

    def __init__(self):
        self._local = threading.local()
        super().__init__()

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)

    def initialize(self, database):
        """Set the database used by threads that have not bound one of their own."""
        self._default = database
        for callback in self._callbacks:
            callback(database)

    @property
    def obj(self):
        bound = getattr(self._local, "database", None)
        return self._default if bound is None else bound

    def bind_thread(self, database):
        """Point the models at ``database`` in this thread (None: the default); returns the
        database bound before, to hand back when done."""
        previous = getattr(self._local, "database", None)
        self._local.database = database
        return previous

    @contextmanager
    def bound_to(self, database):
        """Point the models at ``database`` in this thread until the block ends."""
        previous = self.bind_thread(database)
        try:
            yield database
        finally:
            self.bind_thread(previous)


db = RequestDatabase()


class KeptConnections:
    """A database that keeps its connections open between requests (peewee's ``playhouse.pool``).

    Opening a connection costs more than most queries: a TCP handshake and a login on
    PostgreSQL and MySQL, four PRAGMAs on SQLite. So a request hands its connection back with
    ``release()`` instead of closing it, and the next request in any thread takes it again.
    The pool checks a connection before handing it out (PostgreSQL answers ``SELECT 1``,
    MySQL a ping) and replaces one the server has dropped or lost in a restart; it rolls back
    a transaction left open before taking a connection back, so no request sees another's.
    """

    def release(self):
        """End a request: hand this thread's connection back to the pool, for the next one."""
        return super().close()

    def close(self):
        """Done with the database (a test, a notebook, a server stopping): close this
        thread's connection and the idle ones, so none is left open. Connections that other
        threads are using stay theirs until they release them."""
        closed = super().close()
        self.close_idle()
        return closed


class KeptSqliteConnections(KeptConnections, PooledSqliteDatabase):
    """SQLite, its PRAGMAs run once for each connection rather than once for each request."""


class KeptPostgresqlConnections(KeptConnections, PooledPostgresqlDatabase):
    """PostgreSQL, each connection logged in once."""


class KeptMySQLConnections(KeptConnections, PooledMySQLDatabase):
    """MySQL or MariaDB, each connection logged in once."""


KEPT_CONNECTIONS = {"sqlite": KeptSqliteConnections, "postgresql": KeptPostgresqlConnections,
                    "postgres": KeptPostgresqlConnections, "mysql": KeptMySQLConnections}


def connect(url, **settings):
    """The database named by ``url`` (``sqlite:///PATH``, ``postgresql://...``,
    ``mysql://...``), keeping its connections; ``settings`` go to peewee and the driver."""
    kind = KEPT_CONNECTIONS[url.partition(":")[0]]
    # No limit on the connections: a server's threads or workers already bound how many
    # requests use one at once.
    return kind(**parse(url), **settings, max_connections=None)


class written_once:
    """A function building a query, whose SQL peewee writes once and then reuses.

    Peewee writes a query's SQL text each time the query runs, walking every part of it: for
    the small queries of a page that takes longer than running them. A function decorated
    with ``@written_once`` builds its query the first time for each database kind and each
    shape of its arguments (which are None, which are lists and how long); later calls send
    the same SQL with the new values, and the query as built reads the rows, converted as it
    says (``.tuples()``, ``.objects(...)``).

    So the function must put its arguments into the query unchanged and in order (ids, text,
    numbers, lists of them; the ones that are None it may leave out), and decide nothing
    from their values but whether they are None. Half of that is checked: a query whose
    parameters are not exactly those values (a value of its own such as ``LIMIT 1``, a name
    put in lower case) is run as built, and its SQL is not kept.
    """

    def __init__(self, build):
        functools.update_wrapper(self, build)
        self.build = build
        self.written = {}  # (database kind, argument shapes) -> (query as built, its SQL)

    def __call__(self, *args):
        """The query's rows for ``args``, read as the query built says (``.tuples()``...)."""
        values = [value for arg in args if arg is not None
                  for value in (arg if isinstance(arg, list) else [arg])]
        key = (type(db.obj), *map(shape, args))
        if key not in self.written:
            query = self.build(*args)
            sql, params = query.sql()
            if params != values:
                return query.execute()
            self.written[key] = query, sql
        query, sql = self.written[key]
        # The rows of the new cursor are read by the query as built: converted as it says.
        return query._get_cursor_wrapper(db.obj.execute_sql(sql, values))


def shape(arg):
    """What the SQL of a ``written_once`` query depends on: none, one value, or how many."""
    if arg is None:
        return "none"
    return len(arg) if isinstance(arg, list) else "value"


class DatabaseUnreachable(ConfigError):
    """The database named by DATABASE_URL cannot be reached; the message says which and why."""


# How long to wait for a database server to answer before saying that it does not.
CONNECT_TIMEOUT_SECONDS = 10
DEFAULT_PORTS = {"PostgreSQL": 5432, "MySQL": 3306}
HOW_TO_START = {
    "PostgreSQL": "on Debian or Ubuntu: sudo service postgresql start; on macOS with Homebrew: "
                  "brew services start postgresql",
    "MySQL": "on Debian or Ubuntu: sudo service mariadb start, or mysql for MySQL; on macOS "
             "with Homebrew: brew services start mariadb",
}
USE_SQLITE = "unset DATABASE_URL to use SQLite in var/conduit.sqlite3"


def open_database(url):
    """A Peewee database for ``url``, set up the way the server needs it (not yet connected)."""
    if url.startswith("sqlite"):
        path = url.partition(":///")[2].partition("?")[0]
        if path and path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseUnreachable(
                    f"Cause: the folder for the SQLite database {path!r} cannot be made: "
                    f"{error.strerror}. Fix: set DATABASE_URL to a path in a folder you may "
                    "write in, e.g. sqlite:///var/conduit.sqlite3.") from error
        # BEGIN IMMEDIATE takes the write lock at the start of a transaction: a deferred
        # transaction that upgrades to a write later fails at once with "database is locked".
        # A kept connection serves the next request, whichever thread takes it: one thread at
        # a time, which is all SQLite asks, but its Python driver checks for the same thread.
        return connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                       check_same_thread=False)
    if url.startswith("mysql"):
        # DATETIME keeps fractions of a second only when asked; TEXT holds just 64 KiB.
        return connect(url, charset="utf8mb4",
                       field_types={"DATETIME": "DATETIME(6)", "TEXT": "MEDIUMTEXT"})
    if "connect_timeout" not in url:  # libpq otherwise waits minutes for a silent host
        return connect(url, connect_timeout=CONNECT_TIMEOUT_SECONDS)
    return connect(url)


def ensure_reachable(database):
    """Connect once to ``database``; raise ``DatabaseUnreachable`` saying which database did
    not answer (or refused) and what to do, instead of the driver's error."""
    try:
        database.connect(reuse_if_open=True)
    except peewee.DatabaseError as error:
        raise DatabaseUnreachable(explain_connection_error(database, error)) from error
    database.close()


def explain_connection_error(database, error):
    """A "Cause: ... Fix: ..." message for a failed first connection to ``database``."""
    reason = first_line(error)
    if isinstance(database, peewee.SqliteDatabase):
        return (f"Cause: SQLite cannot open the database file {database.database!r}: {reason}. "
                "Fix: check that its folder exists and that you may write in it, or set "
                "DATABASE_URL to another path, e.g. sqlite:///var/conduit.sqlite3.")
    kind = "MySQL" if isinstance(database, peewee.MySQLDatabase) else "PostgreSQL"
    host = database.connect_params.get("host")
    port = database.connect_params.get("port") or DEFAULT_PORTS[kind]
    if host is None and kind == "PostgreSQL":  # libpq's local socket
        where, answers = "on this machine's local socket", "server" not in reason.lower()
    else:
        where = f"at {host or 'localhost'}:{port}"
        answers = tcp_answers(host or "localhost", port)
    if not answers:
        return (f"Cause: no {kind} server answers {where} (DATABASE_URL names it): "
                f"{reason}. Fix: start the {kind} server ({HOW_TO_START[kind]}), correct the "
                f"host and port in DATABASE_URL, or {USE_SQLITE}.")
    return (f"Cause: the {kind} server {where} refused the connection: {reason}. Fix: "
            "check the user, password and database name in DATABASE_URL (the database must "
            f"exist: create it with {'createdb' if kind == 'PostgreSQL' else 'CREATE DATABASE'}"
            f"), or {USE_SQLITE}.")


def tcp_answers(host, port, timeout=3):
    """Whether something accepts a TCP connection at ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def first_line(error):
    """The first non-empty line of a driver's error message, without the "FATAL:" prefix."""
    if len(error.args) == 2 and isinstance(error.args[0], int):  # PyMySQL: (code, message)
        error = error.args[1]
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    if "failed: " in text:  # libpq: 'connection to server at "h" (1.2.3.4), port 5432 failed: ...'
        text = text.split("failed: ", 1)[1]
    return text.removeprefix("FATAL:").strip().rstrip(".")


def create_tables(database, models):
    """Create the tables and indexes that do not exist yet; existing data is left alone."""
    with db.bound_to(database), database.connection_context():
        with exact_text_comparison(database, models):
            database.create_tables(models, safe=True)


@contextmanager
def exact_text_comparison(database, models):
    """On MySQL, create tables whose text compares exactly, as on PostgreSQL and SQLite.

    MySQL's default collations ignore case, accents and trailing spaces, so that
    ``/profiles/ALICE`` would find alice and the tags "café" and "cafe" would be one.
    """
    if not isinstance(database, peewee.MySQLDatabase):
        yield
        return
    version = database.execute_sql("SELECT VERSION()").fetchone()[0]
    collation = "utf8mb4_nopad_bin" if "MariaDB" in version else "utf8mb4_0900_bin"
    saved = [model._meta.table_settings for model in models]
    for model in models:
        model._meta.table_settings = f"DEFAULT CHARSET=utf8mb4 COLLATE={collation}"
    try:
        yield
    finally:
        for model, settings in zip(models, saved):
            model._meta.table_settings = settings


DEADLOCK_CODES = {"40P01", "40001", 1213}  # PostgreSQL's deadlock and serialization; MySQL's
DEADLOCK_ATTEMPTS = 3


def is_deadlock(error):
    """Whether a database error says that the server chose this transaction to undo."""
    driver_error = error.__context__ or error  # Peewee raises its error from the driver's
    code = getattr(driver_error, "pgcode", None)
    if code is None and driver_error.args:
        code = driver_error.args[0]
    return code in DEADLOCK_CODES


def retry_deadlocks(callback):
    """A Bottle plugin: run a handler again when its transaction lost a deadlock.

    PostgreSQL and MySQL undo one of two transactions that wait on each other; the other one
    goes through. Every handler writes in one transaction or one statement, so running the
    handler again after the undo is safe.
    """

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
            try:
                return callback(*args, **kwargs)
            except peewee.OperationalError as error:
                if attempt == DEADLOCK_ATTEMPTS or not is_deadlock(error):
                    raise

    return wrapper
