"""``live_server()``: a real Conduit server on a free loopback port, for tests and notebooks.

    with live_server() as api:
        requests.get(f"{api}/tags").json()

It starts in a background thread on a fresh, seeded SQLite database in a temporary folder, and on
leaving the block it stops and removes everything it made. Tests and exercises start many of
these, so each start and stop is kept short: passwords are hashed with argon2id at its
cheapest settings (pass ``ARGON2_TIME_COST`` and ``ARGON2_MEMORY_KIB`` to see the real cost),
and the server checks for a stop request every 50 ms rather than every 500.
"""

import secrets
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .app import create_app
from .listen import threaded_server
from .seed import is_empty, seed as seed_database


@contextmanager
def live_server(seed=True, users=10, articles=30, **config):
    """Serve a new app over HTTP; yields the API's base URL, ``http://127.0.0.1:PORT/api``.

    ``config`` holds settings for ``create_app`` (e.g. ``DATABASE_URL=...`` to serve another
    database, which is then used as it is and not seeded unless it is empty).
    """
    with tempfile.TemporaryDirectory(prefix="conduit-") as folder:
        settings = {"DATABASE_URL": f"sqlite:///{Path(folder) / 'conduit.sqlite3'}",
                    "SECRET_KEY": secrets.token_urlsafe(32), "LOG_LEVEL": "WARNING",
                    "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, **config}
        app = create_app(settings)
        database = app.config["conduit.database"]
        if seed and is_empty(database):
            seed_database(database, app.config, users=users, articles=articles)
        try:
            with serve_app(app, name="conduit-live-server") as origin:
                yield f"{origin}/api"
        finally:
            database.close()


@contextmanager
def serve_app(app, numthreads=16, name="conduit-app"):
    """Serve any WSGI ``app`` on a free loopback port in a background thread, as
    ``live_server`` serves the reference server; yields its origin, ``http://127.0.0.1:PORT``.
    """
    server = threaded_server("127.0.0.1", 0, app, numthreads)
    server.expiration_interval = 0.05  # how long stop() may wait for the server's loop
    server.prepare()
    thread = threading.Thread(target=server.serve, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}"
    finally:
        server.stop()
        thread.join(timeout=10)
