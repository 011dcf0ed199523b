"""The database servers the suite runs on, found from the environment.

SQLite always runs. PostgreSQL and MySQL run when they answer at ``TEST_POSTGRES_URL`` and
``TEST_MYSQL_URL`` (defaults: the local servers, database ``conduit_test``, created if missing);
otherwise their tests skip with the reason. ``TEST_BACKENDS=sqlite,postgresql`` picks a subset.
"""

import os
from urllib.parse import urlparse

import peewee
from playhouse.db_url import connect

DEFAULT_URLS = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/conduit_test",
    # PyMySQL otherwise builds a TLS context (about 75 ms) for every connection, that is for
    # every request, even when the server has no TLS: the local test server needs none.
    "mysql": "mysql://root@127.0.0.1:3306/conduit_test?ssl_disabled=true",
}
ENVIRONMENT_KEYS = {"postgresql": "TEST_POSTGRES_URL", "mysql": "TEST_MYSQL_URL"}


def selected():
    names = os.environ.get("TEST_BACKENDS", "sqlite,postgresql,mysql")
    return [name.strip() for name in names.split(",") if name.strip()]


def server_url(backend):
    return os.environ.get(ENVIRONMENT_KEYS[backend], DEFAULT_URLS[backend])


def ensure_database(url):
    """Create the database named in ``url`` if the server lacks it; raise if unreachable."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme.startswith("postgres"):
        admin = connect(parsed._replace(path="/postgres").geturl(), connect_timeout=3)
        admin.connect()
        admin.connection().autocommit = True
        exists = admin.execute_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            admin.execute_sql(f'CREATE DATABASE "{name}"')
    else:
        admin = connect(parsed._replace(path="/mysql").geturl(), connect_timeout=3)
        admin.connect()
        admin.execute_sql(f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4")
    admin.close()


def reachable(backend):
    """``(url, None)`` when the backend's server answers, else ``(url, reason)``."""
    url = server_url(backend)
    try:
        ensure_database(url)
    except (peewee.PeeweeException, OSError, ImportError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return url, f"{backend} not reachable at {url}: {first_line}"
    return url, None
