"""Health checks for process managers and load balancers.

``/healthz`` says the process answers; ``/readyz`` says it can also reach its database, and
that the database has every migration this version of the code needs, so a load balancer sends
it traffic only then. In production the server never migrates by itself: until ``python -m
server migrate`` has run, ``/readyz`` answers 503 and names the migrations it waits for.
"""

import peewee
from bottle import request, response

from .database import db
from .migrations import pending


def healthz():
    return {"status": "ok"}


def readyz():
    try:
        db.execute_sql("SELECT 1")
    except peewee.PeeweeException as error:
        response.status = 503
        return {"status": "unavailable", "database": type(error).__name__}
    waiting = waiting_migrations()
    if waiting:
        response.status = 503
        return {"status": "unavailable", "database": "ok", "pending_migrations": waiting}
    return {"status": "ready", "database": "ok"}


def waiting_migrations():
    """The migrations the database lacks; once none, it stays so, and is not asked again."""
    config = request.app.config
    if config.get("conduit.migrated"):
        return []
    waiting = pending(config["conduit.database"])
    config["conduit.migrated"] = not waiting
    return waiting


def register(app):
    app.get("/healthz", callback=healthz)
    app.get("/readyz", callback=readyz)
