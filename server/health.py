"""Health checks for process managers and load balancers.

``/healthz`` says the process answers; ``/readyz`` says it can also reach its database, so a
load balancer sends it traffic only then.
"""

import peewee
from bottle import response

from .database import db


def healthz():
    return {"status": "ok"}


def readyz():
    try:
        db.execute_sql("SELECT 1")
    except peewee.PeeweeException as error:
        response.status = 503
        return {"status": "unavailable", "database": type(error).__name__}
    return {"status": "ready", "database": "ok"}


def register(app):
    app.get("/healthz", callback=healthz)
    app.get("/readyz", callback=readyz)
