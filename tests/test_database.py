"""How the server opens and binds its database, on each backend."""

import threading
from datetime import datetime

import peewee
import pytest
import webtest

from server import create_app
from server.database import (DEADLOCK_ATTEMPTS, db, is_deadlock, open_database,
                             retry_deadlocks)
from server.models import Article, User

from .conftest import TEST_SETTINGS


def test_sqlite_is_set_up_for_concurrent_writers(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'nested' / 'conduit.sqlite3'}")
    with database.connection_context():
        pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal", "WAL lets readers work while one writes"
        assert pragma("foreign_keys") == 1, "foreign keys must be enforced"
        assert pragma("busy_timeout") == 5000, "writers wait for the lock instead of failing"
    assert database._lock_type == "IMMEDIATE", "write transactions take the lock at BEGIN"
    assert (tmp_path / "nested").is_dir(), "the database's folder is created when missing"


def test_times_keep_their_microseconds(app):
    moment = datetime(2024, 5, 6, 7, 8, 9, 123456)
    with db.bound_to(app.config["conduit.database"]):
        author = User.create(username="timekeeper", email="t@example.com", password_hash="x")
        Article.create(slug="on-time", title="On time", description="d", body="b",
                       author=author, created_at=moment, updated_at=moment)
        assert Article.get(Article.slug == "on-time").created_at == moment, \
            "DATETIME columns must keep fractions of a second (MySQL needs DATETIME(6))"


def test_restarting_keeps_the_data(database_url):
    settings = {"DATABASE_URL": database_url, **TEST_SETTINGS}
    first = webtest.TestApp(create_app(settings))
    first.post_json("/api/users", {"user": {
        "username": "keeper", "email": "keeper@example.com", "password": "long enough"}})
    second = webtest.TestApp(create_app(settings))
    assert second.get("/api/profiles/keeper").json["profile"]["username"] == "keeper", \
        "creating an app on an existing database must leave its data alone"


def test_two_apps_in_one_process_keep_to_their_own_databases(tmp_path):
    apps = [webtest.TestApp(create_app({"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
                                        **TEST_SETTINGS})) for name in ("one", "two")]
    errors = []

    def register_many(client, prefix):
        try:
            for n in range(15):
                client.post_json("/api/users", {"user": {
                    "username": f"{prefix}{n}", "email": f"{prefix}{n}@example.com",
                    "password": "long enough"}})
        except Exception as error:  # reported below, with the thread's own message
            errors.append(error)

    threads = [threading.Thread(target=register_many, args=(client, prefix))
               for client, prefix in zip(apps, ("one", "two"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for client, mine, theirs in zip(apps, ("one", "two"), ("two", "one")):
        client.get(f"/api/profiles/{mine}14")
        client.get(f"/api/profiles/{theirs}0", status=404)


def test_text_compares_exactly_on_every_backend(client, users, articles):
    alice = users.register("alice")
    client.get("/api/profiles/ALICE", status=404)
    client.get("/api/profiles/alice%20", status=404)
    articles.create(alice, tagList=["cafe"])
    articles.create(alice, tagList=["café"])
    assert sorted(client.get("/api/tags").json["tags"]) == ["cafe", "café"], \
        "tags that differ only by an accent are two tags (MySQL needs a binary collation)"
    assert client.get("/api/articles?author=ALICE").json["articlesCount"] == 0


def real_deadlock(database_url):
    """Make two transactions wait on each other; returns the error the server's victim got."""
    from server.models import Tag

    databases = [open_database(database_url) for _ in range(2)]
    with db.bound_to(databases[0]):
        Tag.insert_many([("first",), ("second",)], fields=[Tag.name]).execute()
    both_hold_one = threading.Barrier(2)
    errors = []

    def lock_in_order(database, names):
        with db.bound_to(database), database.connection_context():
            try:
                with database.atomic():
                    for name in names:
                        Tag.update(name=Tag.name).where(Tag.name == name).execute()
                        if name == names[0]:
                            both_hold_one.wait(timeout=10)
            except peewee.OperationalError as error:
                errors.append(error)

    threads = [threading.Thread(target=lock_in_order, args=(database, names))
               for database, names in zip(databases, (["first", "second"],
                                                      ["second", "first"]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(errors) == 1, f"the server undoes exactly one of the two, got {errors}"
    return errors[0]


def test_a_lost_deadlock_is_retried(backend, database_url, app):
    if backend[0] == "sqlite":
        pytest.skip("SQLite has one writer at a time and no deadlocks to lose")
    error = real_deadlock(database_url)
    assert is_deadlock(error), f"{error!r} must be recognised as a deadlock"
    assert not is_deadlock(peewee.OperationalError("database is locked"))

    calls = []

    def handler_losing(times):
        def handler():
            calls.append(1)
            if len(calls) <= times:
                raise error
            return "done"
        return handler

    assert retry_deadlocks(handler_losing(DEADLOCK_ATTEMPTS - 1))() == "done", \
        "a handler that lost a deadlock runs again"
    assert len(calls) == DEADLOCK_ATTEMPTS
    calls.clear()
    with pytest.raises(peewee.OperationalError):
        retry_deadlocks(handler_losing(DEADLOCK_ATTEMPTS))()
    assert len(calls) == DEADLOCK_ATTEMPTS, "it gives up after a few attempts"
