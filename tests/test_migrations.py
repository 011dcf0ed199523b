"""``python -m server migrate``: ordered migrations, recorded in ``schema_migration``, on every
backend.

On PostgreSQL and MySQL these tests drop and create tables, so they use a database of their
own beside the suite's (its name is the suite's with ``_migrations`` added).
"""

import threading
import time
from urllib.parse import urlparse

import peewee
import pytest
import webtest

from server import create_app
from server.__main__ import main
from server.database import create_tables, db, open_database
from server.migrations import (Migration, MigrationFailed, applied, known_migrations,
                               load_migrations, migrate, pending)
from server.models import MODELS, User

from . import backends
from .conftest import TEST_SETTINGS

LATEST = [migration.name for migration in known_migrations()]


def drop_every_table(database):
    """Leave ``database`` with no table at all."""
    with database.connection_context():
        tables = database.get_tables()
        if isinstance(database, peewee.PostgresqlDatabase):
            for table in tables:
                database.execute_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
        elif isinstance(database, peewee.MySQLDatabase):
            database.execute_sql("SET FOREIGN_KEY_CHECKS = 0")
            for table in tables:
                database.execute_sql(f"DROP TABLE IF EXISTS `{table}`")
            database.execute_sql("SET FOREIGN_KEY_CHECKS = 1")
        else:
            for table in tables:
                database.execute_sql(f'DROP TABLE IF EXISTS "{table}"')


@pytest.fixture
def database(backend, tmp_path):
    """An empty database on the backend, with no table at all."""
    name, url = backend
    if name == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    else:
        parsed = urlparse(url)
        url = parsed._replace(path=parsed.path + "_migrations").geturl()
        backends.ensure_database(url)
    database = open_database(url)
    drop_every_table(database)
    yield database
    drop_every_table(database)
    database.close()


def schema(database):
    """Every table's columns, indexes and foreign keys (and collation, on MySQL)."""
    with database.connection_context():
        tables = {}
        for table in database.get_tables():
            columns = sorted((c.name, c.data_type.lower(), c.null, c.primary_key)
                             for c in database.get_columns(table))
            indexes = sorted((i.name, tuple(i.columns), i.unique)
                             for i in database.get_indexes(table))
            keys = sorted((k.column, k.dest_table, k.dest_column)
                          for k in database.get_foreign_keys(table))
            tables[table] = {"columns": columns, "indexes": indexes, "keys": keys}
        if isinstance(database, peewee.MySQLDatabase):
            for table, collation in database.execute_sql(
                    "SELECT table_name, table_collation FROM information_schema.tables "
                    "WHERE table_schema = DATABASE()"):
                tables[table]["collation"] = collation
    return tables


def test_a_fresh_database_migrates_to_the_latest(database):
    assert pending(database) == LATEST, "an empty database lacks every migration"
    assert migrate(database) == LATEST, "every migration is applied, in order"
    assert list(applied(database)) == LATEST, "each one applied is recorded"
    assert pending(database) == []
    tables = schema(database)
    assert {model._meta.table_name for model in MODELS} | {"schema_migration"} == set(tables)


def test_migrating_twice_changes_nothing(database):
    migrate(database)
    before, recorded = schema(database), applied(database)
    assert migrate(database) == [], "nothing is pending the second time"
    assert schema(database) == before, "the second run changes no table or index"
    assert applied(database) == recorded, "and rewrites no record"


def test_the_migrations_make_the_schema_the_models_make(database):
    """0001 is the models' schema as create_tables makes it; later migrations only add."""
    create_tables(database, MODELS)
    from_models = schema(database)
    drop_every_table(database)
    migrate(database)
    migrated = schema(database)
    del migrated["schema_migration"]
    assert migrated == from_models, "migrating gives every table, column, index and key " \
                                    "that create_tables(MODELS) gives"


def test_migrations_run_in_order_each_once(database):
    ran = []

    def step(name):
        return Migration(name, lambda database: ran.append(name))

    steps = [step("0001_first"), step("0002_second"), step("0003_third")]
    assert migrate(database, steps[:2]) == ["0001_first", "0002_second"]
    assert migrate(database, steps) == ["0003_third"], "only the new one runs"
    assert ran == ["0001_first", "0002_second", "0003_third"]
    assert pending(database, steps) == []


def test_migration_files_are_loaded_in_the_order_of_their_numbers(tmp_path):
    for name in ("0010_tenth", "0002_second", "0001_first"):
        (tmp_path / f"{name}.py").write_text(f'"""Step {name}."""\n\n'
                                             "def apply(database):\n    pass\n")
    migrations = load_migrations(tmp_path)
    assert [m.name for m in migrations] == ["0001_first", "0002_second", "0010_tenth"]
    assert migrations[0].summary == "Step 0001_first."
    (tmp_path / "0002_again.py").write_text("def apply(database):\n    pass\n")
    with pytest.raises(ValueError, match="two migrations are numbered 0002"):
        load_migrations(tmp_path)


def test_the_servers_own_migrations_start_with_0001_initial():
    assert LATEST[:1] == ["0001_initial"]
    assert known_migrations()[0].tables, "0001 names the tables it creates"


def broken(database):
    """A migration that changes the schema, then fails."""
    database.execute_sql("CREATE TABLE probe (id INTEGER)")
    raise RuntimeError("the disk is on fire")


def test_a_failing_migration_is_not_recorded_and_the_next_run_says_what_failed(database):
    steps = [*known_migrations(), Migration("0099_broken", broken)]
    with pytest.raises(MigrationFailed) as failed:
        migrate(database, steps)
    message = str(failed.value)
    assert "migration 0099_broken failed (RuntimeError: the disk is on fire)" in message
    assert f"applied now: {', '.join(LATEST)}" in message and "Fix: correct 0099_broken" \
        in message, message
    assert sorted(applied(database)) == LATEST, "the steps before it stay applied; it is not"
    with database.connection_context():
        probe_left = database.table_exists("probe")
    if isinstance(database, peewee.MySQLDatabase):
        assert probe_left, "MySQL commits a CREATE TABLE at once: the README says so"
        with database.connection_context():
            database.execute_sql("DROP TABLE probe")
    else:
        assert not probe_left, "the failed step's changes are rolled back with it"

    with pytest.raises(MigrationFailed) as again:
        migrate(database, steps)
    assert "migration 0099_broken failed" in str(again.value) \
        and "none applied now" in str(again.value), "the next run names the same step"

    def fixed(database):
        if not database.table_exists("probe"):
            database.execute_sql("CREATE TABLE probe (id INTEGER)")

    assert migrate(database, [*known_migrations(), Migration("0099_broken", fixed)]) == \
        ["0099_broken"], "once corrected, it runs, and only it"


def test_a_database_made_before_migrations_is_taken_as_0001(database):
    create_tables(database, MODELS)  # as create_app did before migrations
    with db.bound_to(database), database.connection_context():
        User.create(username="kept", email="kept@example.com", password_hash="x")
    ran_initial = []
    steps = [Migration(LATEST[0], lambda database: ran_initial.append(True),
                       known_migrations()[0].tables), *known_migrations()[1:]]
    assert migrate(database, steps) == LATEST[1:], "0001 is recorded, not run again"
    assert ran_initial == []
    assert sorted(applied(database)) == LATEST
    with db.bound_to(database), database.connection_context():
        assert [user.username for user in User.select()] == ["kept"], "no data is lost"


def test_two_processes_migrating_at_once_run_each_step_once(database):
    runs = []

    def slow(database):
        runs.append(threading.get_ident())
        time.sleep(0.3)  # long enough for the other one to try meanwhile
        if not database.table_exists("slow"):
            database.execute_sql("CREATE TABLE slow (id INTEGER)")

    steps = [*known_migrations(), Migration("0099_slow", slow)]
    errors = []

    def run():
        try:
            migrate(database, steps)
        except Exception as error:  # reported below, with the other thread's outcome
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [], f"neither run fails: {errors}"
    assert len(runs) == 1, "the second run waits for the first and finds the step done"
    assert sorted(applied(database)) == [*LATEST, "0099_slow"]


def test_in_production_the_app_never_migrates_and_readyz_waits(tmp_path):
    url = f"sqlite:///{tmp_path / 'production.sqlite3'}"
    app = create_app({"DATABASE_URL": url, **TEST_SETTINGS, "CONDUIT_ENV": "production"})
    database = app.config["conduit.database"]
    with database.connection_context():
        assert database.get_tables() == [], "production must not change the schema"
    client = webtest.TestApp(app)
    answer = client.get("/readyz", status=503)
    assert answer.json == {"status": "unavailable", "database": "ok",
                           "pending_migrations": LATEST}
    assert client.get("/healthz").json == {"status": "ok"}, "alive, though not ready"
    migrate(database)
    assert client.get("/readyz").json == {"status": "ready", "database": "ok"}, \
        "ready as soon as python -m server migrate has run, without a restart"
    database.close()


def test_in_development_the_app_migrates_a_new_database(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}", **TEST_SETTINGS})
    assert sorted(applied(app.config["conduit.database"])) == LATEST
    assert webtest.TestApp(app).get("/readyz").json["status"] == "ready"
    app.config["conduit.database"].close()


def test_the_migrate_command_applies_then_lists(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", TEST_SETTINGS["SECRET_KEY"])
    main(["migrate", "--list"])
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in listed] == [[name, "pending"] for name in LATEST], \
        "--list shows every migration, pending, and applies none"
    main(["migrate"])
    said = capsys.readouterr().out
    assert all(f"{name}: applied" in said for name in LATEST)
    assert f"the database is at {LATEST[-1]}" in said
    main(["migrate"])
    assert "No migration to apply" in capsys.readouterr().out
    main(["migrate", "--list"])
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in listed] == [[name, "applied"] for name in LATEST]


def test_a_failing_migration_ends_the_command_with_cause_and_fix(tmp_path, monkeypatch,
                                                                  capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", TEST_SETTINGS["SECRET_KEY"])
    steps = (*known_migrations(), Migration("0099_broken", broken))
    monkeypatch.setattr("server.__main__.known_migrations", lambda: steps)
    monkeypatch.setattr("server.migrations.known_migrations", lambda: steps)
    with pytest.raises(SystemExit) as exit:
        main(["migrate"])
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("python -m server migrate: Cause: migration 0099_broken failed") \
        and "Fix: correct 0099_broken" in error and "Traceback" not in error, error
