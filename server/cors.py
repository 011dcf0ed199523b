"""Cross-origin resource sharing, so that a front end on another origin can call the API.

A browser asks first with an ``OPTIONS`` request (the preflight) whether the real request is
allowed; the answer lists the methods and headers it may use. Every answer then names the
origins allowed to read it.
"""

from bottle import HTTPResponse, request, response

ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type"


def allowed_origins(config):
    return {origin.strip() for origin in config["CORS_ORIGINS"].split(",") if origin.strip()}


def add_cors_headers():
    """An after-request hook: say which origin may read this answer."""
    origins = allowed_origins(request.app.config)
    origin = request.get_header("Origin")
    if "*" in origins:
        response.set_header("Access-Control-Allow-Origin", "*")
    elif origin in origins:
        response.set_header("Access-Control-Allow-Origin", origin)
        response.add_header("Vary", "Origin")


def answer_preflight():
    """A before-request hook: answer a browser's ``OPTIONS`` preflight for any API URL."""
    if request.method == "OPTIONS" and request.path.startswith("/api/"):
        raise HTTPResponse(status=204, headers={
            "Access-Control-Allow-Methods": ALLOWED_METHODS,
            "Access-Control-Allow-Headers": ALLOWED_HEADERS,
            "Access-Control-Max-Age": "86400"})


def register(app):
    app.add_hook("before_request", answer_preflight)
    app.add_hook("after_request", add_cors_headers)
