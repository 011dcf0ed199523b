"""The app factory: ``create_app()`` builds a new, independent Conduit API application.

Nothing happens when the package is imported; everything happens here, so tests and notebooks
can build as many apps as they like, each on its own database.
"""

import logging
import time

import bottle

from . import (articles, caching, comments, cors, explorer, headers, health, metrics, openapi,
               profiles, tags, users)
from .auth import AuthPlugin
from .cache import shared_cache
from .config import load_config
from .database import db, ensure_reachable, open_database, retry_deadlocks
from .errors import catch_unexpected, error_page
from .logs import access_log
from .migrations import migrate, pending
from .ratelimit import RateLimiter

log = logging.getLogger("server")

RESOURCES = [users, profiles, articles, comments, tags, health, metrics, openapi, explorer,
             cors, headers, caching]


def create_app(config=None):
    """A new Bottle app serving the API; ``config`` overrides settings from the environment.

    In development it first applies the migrations the database lacks, so a new database
    just works. In production it never changes the schema: that is ``python -m server
    migrate``'s job, at deploy time; until it has run, ``/readyz`` answers 503.
    """
    settings = load_config(config)
    log.setLevel(settings["LOG_LEVEL"].upper())
    database = open_database(settings["DATABASE_URL"])
    ensure_reachable(database)
    waiting = []  # the migrations the database lacks
    if settings["CONDUIT_ENV"] == "production":
        waiting = pending(database)
        if waiting:
            log.warning("migrations not applied: %s; /readyz answers 503 until "
                        "python -m server migrate has run", ", ".join(waiting))
    else:
        migrate(database, log=log.info)

    app = bottle.Bottle()
    app.config.update(settings)
    app.config["conduit.database"] = database
    app.config["conduit.migrated"] = not waiting  # else /readyz asks again (health.py)
    app.config["conduit.rate_limiter"] = RateLimiter(settings)
    app.config["conduit.shared_cache"] = shared_cache(settings)
    app.default_error_handler = error_page
    app.install(catch_unexpected)
    app.install(retry_deadlocks)
    app.install(AuthPlugin())
    app.install(caching.HttpCaching(settings["SHARED_CACHE_SECONDS"],
                                    app.config["conduit.shared_cache"]))

    @app.hook("before_request")
    def start_request():
        # Peewee connects on the first query, so /healthz works even when the database is down.
        bottle.request.environ["conduit.started"] = time.perf_counter()
        bottle.request.environ["conduit.outer_database"] = db.bind_thread(database)

    @app.hook("after_request")
    def finish_request():
        # The connection goes back to the pool, open, for the next request (database.py).
        database.release()
        db.bind_thread(bottle.request.environ.get("conduit.outer_database"))
        # Bottle spools a body over 100 KiB to a temporary file and leaves it open; close it.
        body = bottle.request.environ.get("bottle.request.body")
        if body is not None:
            body.close()
        started = bottle.request.environ.get("conduit.started", time.perf_counter())
        seconds = time.perf_counter() - started
        route = metrics.route_label()
        app.config["conduit.metrics"].observe(bottle.request.method, route,
                                              bottle.response.status_code, seconds)
        # The client as the rate limits see it: Bottle's remote_addr believes the first
        # address of any X-Forwarded-For, which the client can write itself.
        access_log(bottle.request.method, bottle.request.path, route,
                   bottle.response.status_code, seconds,
                   app.config["conduit.rate_limiter"].client(),
                   bottle.request.get_header("User-Agent"))

    for resource in RESOURCES:
        resource.register(app)
    return app
