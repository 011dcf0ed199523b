"""The server keeps its database connections between requests, and that stays correct: a
connection the database server dropped is replaced, and a request that fails in the middle of
a transaction leaves nothing open for the next request on the same connection.
"""

import logging

import pytest

from server.models import Tag

from .conftest import PASSWORD

OPENED = "Created new connection"  # what playhouse.pool logs for each connection it opens


def opened_connections(caplog):
    return sum(OPENED in record.getMessage() for record in caplog.records
               if record.name == "peewee.pool")


def own_connection_id(database, backend):
    """The id the database server gives the connection this thread holds."""
    ask = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
    return database.execute_sql(ask[backend]).fetchone()[0]


def drop_connection(database_url, backend, connection_id):
    """End the connection ``connection_id`` from the database server's side, as a restart of
    the server or an idle timeout does."""
    from server.database import open_database

    admin = open_database(database_url)
    with admin.connection_context():
        if backend == "postgresql":
            admin.execute_sql("SELECT pg_terminate_backend(%s)", (connection_id,))
        else:
            admin.execute_sql(f"KILL {int(connection_id)}")
    admin.close()


def test_requests_share_one_kept_connection(client, users, caplog):
    caplog.set_level(logging.DEBUG, logger="peewee.pool")
    alice = users.register("alice")
    for _ in range(5):
        client.get("/api/articles")
        client.get("/api/user", headers=alice["headers"])
    assert opened_connections(caplog) == 1, (
        "requests served one after another must reuse one kept connection, not open one "
        f"each: {opened_connections(caplog)} opened for 11 requests")


def test_a_connection_the_server_dropped_is_replaced(backend, database_url, app, client,
                                                     users, caplog):
    name, _ = backend
    if name == "sqlite":
        pytest.skip("an SQLite file has no server to drop the connection")
    alice = users.register("alice")
    database = app.config["conduit.database"]
    database.connect()  # takes the connection the request kept: there is only the one
    dropped = own_connection_id(database, name)
    database.release()
    drop_connection(database_url, name, dropped)
    caplog.set_level(logging.DEBUG, logger="peewee.pool")
    answer = client.get("/api/profiles/alice", expect_errors=True)
    assert answer.status_int == 200, (
        f"the first request after the {name} server dropped the kept connection must get a "
        f"new one and succeed, got {answer.status_int}: {answer.body[:200]!r}")
    assert answer.json["profile"]["username"] == alice["username"]
    assert opened_connections(caplog) == 1, "the dropped connection is replaced by a new one"
    database.connect()
    assert own_connection_id(database, name) != dropped, "the dropped connection is not reused"
    database.release()


def test_a_connection_closed_under_the_server_is_replaced(app, client, users):
    users.register("alice")
    database = app.config["conduit.database"]
    database.connect()
    database.connection().close()  # the driver's connection, behind peewee's back
    database.release()
    answer = client.get("/api/profiles/alice", expect_errors=True)
    assert answer.status_int == 200, (
        f"a kept connection that was closed must be replaced, got {answer.status_int}: "
        f"{answer.body[:200]!r}")


def test_a_request_failing_inside_a_transaction_leaves_none_open(app, client, users,
                                                                 in_database):
    users.register("alice")
    database = app.config["conduit.database"]

    @app.post("/api/fail-halfway")
    def fail_halfway():
        database.begin()  # a transaction with no ``with database.atomic()`` to end it
        Tag.create(name="half-written")
        raise RuntimeError("the request fails before it commits")

    failed = client.post("/api/fail-halfway", expect_errors=True)
    assert failed.status_int == 500, f"the failing request answers 500, got {failed.status}"
    registered = client.post_json("/api/users", {"user": {
        "username": "bob", "email": "bob@example.com", "password": PASSWORD}},
        expect_errors=True)
    assert registered.status_int == 201, (
        "the next request on the connection starts its own transaction, got "
        f"{registered.status}: {registered.body[:200]!r}")
    with in_database():  # the same kept connection: it would see its own open transaction
        assert not Tag.select().where(Tag.name == "half-written").exists(), (
            "a row written in a transaction that was never committed must be rolled back "
            "before the connection serves another request")
        assert not database.in_transaction()
    assert client.get("/api/profiles/bob").json["profile"]["username"] == "bob", \
        "a write after the failed request commits as usual"
