"""A small WSGI app for lesson 07 that answers with what it received.

A web server in front of an app changes what the app sees: the client's address, the host
name, the scheme. The app cannot tell a learner what it saw unless it says so, and this one
does, on every path:

- ``/echo`` (or any other path): what arrived, as JSON;
- ``/sleep?ms=100``: the same, after waiting that long, as an app waits for a slow database
  or another service (its CPU is free meanwhile);
- ``/work?ms=20``: the same, after computing that long, as an app busy with its CPU.

Every answer names the backend that made it (``BACKEND_NAME`` in the environment, else its
process id), so that a load balancer's choices can be counted. ``BACKEND_DELAY_MS`` makes a
backend wait that long on every request: a slow machine among fast ones.

Run it with any WSGI server: ``gunicorn --chdir lessons/data/07-web-servers echo:application``.
"""

import json
import os
import time
from urllib.parse import parse_qs

NAME = os.environ.get("BACKEND_NAME", f"pid {os.getpid()}")
DELAY_MS = int(os.environ.get("BACKEND_DELAY_MS", "0"))


def application(environ, start_response):
    """Answer any request with what it received, after the waiting or working it asks for."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    milliseconds = int(query.get("ms", ["0"])[0])
    path = environ.get("PATH_INFO", "/")
    time.sleep(DELAY_MS / 1000)
    if path == "/sleep":
        time.sleep(milliseconds / 1000)
    elif path == "/work":
        compute_for(milliseconds / 1000)
    body = json.dumps(received(environ)).encode()
    start_response("200 OK", [("Content-Type", "application/json"),
                              ("Content-Length", str(len(body)))])
    return [body]


def received(environ):
    """What the request looked like when it reached the app."""
    return {
        "backend": NAME,
        "pid": os.getpid(),
        "method": environ["REQUEST_METHOD"],
        "path": environ.get("PATH_INFO", "/"),  # decoded by the WSGI server
        "uri": environ.get("RAW_URI") or environ.get("REQUEST_URI"),  # as it arrived
        "remote_addr": environ.get("REMOTE_ADDR"),  # who opened the connection
        "host": environ.get("HTTP_HOST"),
        "x_forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
        "x_forwarded_proto": environ.get("HTTP_X_FORWARDED_PROTO"),
        "scheme": environ["wsgi.url_scheme"],  # what the WSGI server concluded
    }


def compute_for(seconds):
    """Keep the CPU busy for ``seconds`` of this thread's CPU time."""
    deadline = time.thread_time() + seconds
    while time.thread_time() < deadline:
        sum(range(1000))
