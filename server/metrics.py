"""``/metrics``: how many requests the server answered and how long they took, in the format
Prometheus reads (https://prometheus.io/docs/instrumenting/exposition_formats/).

Two metrics, counted for every request after it is answered:

- ``conduit_http_requests_total{method, route, status}``: a counter of answers;
- ``conduit_http_request_duration_seconds{method, route}``: a histogram of how long they took.

``route`` is the route's rule as the app declares it (``/api/articles/<slug>``), never the path
a client sent: every article would otherwise make a new series, and a client could make
millions. A path no route matches is ``route="(unmatched)"``, and a method outside HTTP's
usual ones is ``method="(other)"``, for the same reason.

Each app has a registry of its own, so that two apps in one process (a test beside a live
server, or a notebook) never add to each other's counts. Under gunicorn each worker process
counts for itself; set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder before the server starts,
and every worker writes its counts there and ``/metrics`` adds them up, whichever worker
answers (prometheus_client's multiprocess mode).
"""

import os

from bottle import request, response
from prometheus_client import (CONTENT_TYPE_PLAIN_0_0_4, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)

UNMATCHED = "(unmatched)"
OTHER_METHOD = "(other)"
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# Most answers take milliseconds; the buckets reach 10 s to show the slow ones too.
DURATION_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class RequestMetrics:
    """The request counter and duration histogram of one app, in a registry of its own."""

    def __init__(self):
        self.registry = CollectorRegistry()
        self.requests = Counter("conduit_http_requests", "HTTP requests answered.",
                                ["method", "route", "status"], registry=self.registry)
        self.duration = Histogram("conduit_http_request_duration_seconds",
                                  "Time from receiving a request to answering it, in seconds.",
                                  ["method", "route"], buckets=DURATION_BUCKETS,
                                  registry=self.registry)

    def observe(self, method, route, status, seconds):
        """Count one answered request."""
        method = method if method in METHODS else OTHER_METHOD
        self.requests.labels(method, route, str(status)).inc()
        self.duration.labels(method, route).observe(seconds)

    def exposition(self):
        """The metrics as Prometheus text: this process's counts, or every worker's when
        ``PROMETHEUS_MULTIPROC_DIR`` is set."""
        folder = os.environ.get(MULTIPROCESS_VARIABLE)
        if not folder:
            return generate_latest(self.registry)
        everyone = CollectorRegistry()
        multiprocess.MultiProcessCollector(everyone, path=folder)
        return generate_latest(everyone)


def route_label():
    """The rule of the route that answered this request, or ``(unmatched)``."""
    route = request.environ.get("bottle.route")
    return route.rule if route is not None else UNMATCHED


def metrics_page():
    # The text format every version of Prometheus reads (the one prometheus_client answers
    # a scraper that asks for nothing in particular).
    response.content_type = CONTENT_TYPE_PLAIN_0_0_4
    return request.app.config["conduit.metrics"].exposition()


def register(app):
    app.config["conduit.metrics"] = RequestMetrics()
    app.get("/metrics", callback=metrics_page, cache="no-store")
