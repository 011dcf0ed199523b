"""Ordered schema migrations: the steps that take a database from empty to the schema the
code needs, run by ``python -m server migrate``.

Each step is a module in this folder named ``NNNN_what_it_does.py`` (``0001_initial.py``,
``0002_add_article_summary.py``), with a function ``apply(database)``. They run in
the order of their numbers, each once per database: the table ``schema_migration`` records the
name of each step applied and when (``name``, ``applied_at``), and ``migrate`` runs only the
ones it does not name.

Each step runs in a transaction with its record, so on SQLite and PostgreSQL a step that
fails leaves nothing behind: neither its changes nor its record. MySQL and MariaDB commit each
change to the schema at once (``CREATE``, ``ALTER``, ``DROP`` end the transaction), so there a
failed step may leave part of its changes: a step is recorded only once it has succeeded, and
every step is written so that running it again is safe ("create the index unless it is
there"). Steps never run twice at once: the first process to migrate holds a lock that others
wait for (an advisory lock on PostgreSQL, ``GET_LOCK`` on MySQL, the write lock on SQLite),
then they find the step recorded and skip it.

A database made before migrations were recorded (by ``create_tables``, which the server used
at start before) has every table of ``0001_initial`` and no ``schema_migration``: the first run
records ``0001_initial`` as applied, without running it, and goes on from there.
"""

import functools
import importlib.util
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from ..config import ConfigError
from ..database import db
from ..models import BaseModel, utc_now

FOLDER = Path(__file__).parent
NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")
RECORDS = "schema_migration"
LOCK_NAME = "conduit_migrate"
LOCK_NUMBER = 4_201_700_001  # any number; every process that migrates uses the same one
LOCK_WAIT_SECONDS = 60
FIX = "run python -m server migrate"


class SchemaMigration(BaseModel):
    """One migration applied to this database, and when."""

    name = peewee.CharField(max_length=255, primary_key=True)
    applied_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = RECORDS


@dataclass(frozen=True)
class Migration:
    """One step: its name (``0002_add_article_summary``) and what it does."""

    name: str
    apply: object  # a function of the database
    tables: tuple = field(default=())  # the tables it creates, if it is the first step
    summary: str = ""


class MigrationFailed(ConfigError):
    """A migration raised an error; the message says which, what is applied, and what to do."""


def load_migrations(folder=FOLDER):
    """The migrations in ``folder``, in the order of their numbers."""
    migrations = []
    for path in sorted(folder.glob("[0-9]*.py")):
        if not NAME.match(path.stem):
            raise ValueError(f"{path}: a migration's file name is NNNN_what_it_does.py")
        spec = importlib.util.spec_from_file_location(f"conduit_migration_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        migrations.append(Migration(path.stem, module.apply, tuple(getattr(module, "TABLES", ())),
                                    summary))
    check_order(migrations)
    return migrations


def check_order(migrations):
    """Refuse two migrations with one number: which would run first could not be told."""
    numbers = [migration.name[:4] for migration in migrations]
    repeated = sorted({number for number in numbers if numbers.count(number) > 1})
    if repeated:
        raise ValueError(f"two migrations are numbered {', '.join(repeated)}: renumber one")


@functools.cache
def known_migrations():
    """The migrations of this version of the server (``server/migrations/``), loaded once."""
    return tuple(load_migrations())


@contextmanager
def connected(database):
    """Use this thread's open connection (a request's), or open one for the block."""
    if not database.is_closed():
        yield
        return
    with database.connection_context():
        yield


def applied(database):
    """``{name: applied_at}`` of the migrations recorded in ``database`` (empty: none yet)."""
    with db.bound_to(database), connected(database):
        if not database.table_exists(RECORDS):
            return {}
        return dict(SchemaMigration.select(SchemaMigration.name, SchemaMigration.applied_at)
                    .order_by(SchemaMigration.name).tuples())


def pending(database, migrations=None):
    """The names of the migrations not yet applied to ``database``, in order."""
    migrations = known_migrations() if migrations is None else migrations
    done = applied(database)
    return [migration.name for migration in migrations if migration.name not in done]


def migrate(database, migrations=None, log=None):
    """Apply the migrations that ``database`` has not had, in order; return their names.

    ``log(text)`` is told of each step. A step that fails raises ``MigrationFailed``, after
    the steps before it have been applied and recorded.
    """
    migrations = known_migrations() if migrations is None else migrations
    log = log or (lambda text: None)
    if not pending(database, migrations):
        return []
    done = []
    with db.bound_to(database), database.connection_context(), held_lock(database):
        with transaction(database):
            if start_records(database, migrations):
                log(f"{migrations[0].name}: its tables were made before migrations were "
                    "recorded; recorded as applied")
        for migration in migrations:
            with transaction(database):
                if SchemaMigration.get_or_none(SchemaMigration.name == migration.name):
                    continue  # applied before, or by another process while this one waited
                try:
                    migration.apply(database)
                except Exception as error:
                    raise MigrationFailed(failure(database, migration, error, migrations,
                                                  done)) from error
                SchemaMigration.create(name=migration.name)
            done.append(migration.name)
            log(f"{migration.name}: applied")
    return done


def start_records(database, migrations):
    """Create ``schema_migration`` if it is missing; when the first migration's tables are
    already there, record it as applied (it was run as ``create_tables``). Returns whether it
    was recorded that way."""
    if database.table_exists(RECORDS):
        return False
    database.create_tables([SchemaMigration], safe=True)
    first = migrations[0] if migrations else None
    existing = set(database.get_tables())
    if first is None or not first.tables or not set(first.tables) <= existing:
        return False
    SchemaMigration.create(name=first.name)
    return True


def failure(database, migration, error, migrations, done):
    """The message for ``migration`` failing with ``error``."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    reason = f"{type(error).__name__}: {lines[0].strip() if lines else ''}".rstrip(": ")
    names = [step.name for step in migrations]
    after = names[names.index(migration.name) + 1:]
    applied_now = f"applied now: {', '.join(done)}" if done else "none applied now"
    return (f"Cause: migration {migration.name} failed ({reason}); {applied_now}; not "
            f"applied: {', '.join([migration.name, *after])}. The database is as the "
            f"migrations before {migration.name} left it"
            + (", with any part of it MySQL committed before the error"
               if isinstance(database, peewee.MySQLDatabase) else "")
            + f". Fix: correct {migration.name}, then {FIX} again; the steps before it are "
              "not run again.")


@contextmanager
def transaction(database):
    """A transaction; on PostgreSQL it first waits for the migration lock, which it holds
    until it ends (SQLite's ``BEGIN IMMEDIATE`` is a lock already)."""
    with database.atomic():
        if isinstance(database, peewee.PostgresqlDatabase):
            database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (LOCK_NUMBER,))
        yield


@contextmanager
def held_lock(database):
    """On MySQL, a lock by name held while migrating: a change to the schema ends the
    transaction there, so the lock cannot be a transaction's. Elsewhere, nothing to do."""
    if not isinstance(database, peewee.MySQLDatabase):
        yield
        return
    [(taken,)] = database.execute_sql("SELECT GET_LOCK(%s, %s)",
                                      (LOCK_NAME, LOCK_WAIT_SECONDS)).fetchall()
    if taken != 1:
        raise MigrationFailed(f"Cause: another process has been migrating this database for "
                              f"over {LOCK_WAIT_SECONDS} s. Fix: wait for it to end, then "
                              f"{FIX} again.")
    try:
        yield
    finally:
        database.execute_sql("SELECT RELEASE_LOCK(%s)", (LOCK_NAME,))


def reset(database, models):
    """Drop ``models``' tables and the record of migrations, then migrate: an empty database
    at the latest schema."""
    with db.bound_to(database), database.connection_context():
        database.drop_tables([*models, SchemaMigration], safe=True)
    return migrate(database)
