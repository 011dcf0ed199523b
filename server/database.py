"""Turning a ``DATABASE_URL`` into a database, and binding it to the models while a request runs.

The models talk to ``db``, a stand-in that each app points at its own database for the length of a
request. That lets one process hold several apps on different databases at once (a notebook with a
live server in a thread and an app under test beside it) without them writing into each other.
"""

import functools
import threading
from contextlib import contextmanager
from pathlib import Path

import peewee
from playhouse.db_url import connect

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


def open_database(url):
    """A Peewee database for ``url``, set up the way the server needs it (not yet connected)."""
    if url.startswith("sqlite"):
        path = url.partition(":///")[2].partition("?")[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # BEGIN IMMEDIATE takes the write lock at the start of a transaction: a deferred
        # transaction that upgrades to a write later fails at once with "database is locked".
        return connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    if url.startswith("mysql"):
        # DATETIME keeps fractions of a second only when asked; TEXT holds just 64 KiB.
        return connect(url, charset="utf8mb4",
                       field_types={"DATETIME": "DATETIME(6)", "TEXT": "MEDIUMTEXT"})
    return connect(url)


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
