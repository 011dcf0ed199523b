"""The API's one error shape, ``{"errors": {"body": ["..."]}}``, for every error it answers.

Handlers raise ``api_error(status, message)``; Bottle sends a raised ``HTTPResponse`` as it is.
Errors Bottle raises itself (an unknown URL, a wrong method) are reshaped by ``error_page``, and
anything unexpected is logged with its traceback by ``catch_unexpected`` and answered with a
plain 500 that reveals nothing.
"""

import functools
import json
import logging

import bottle

log = logging.getLogger("server")


def error_body(*messages):
    return json.dumps({"errors": {"body": list(messages)}})


def api_error(status, *messages, headers=None):
    """An HTTPResponse to raise: the status and the messages in the API's error shape."""
    return bottle.HTTPResponse(error_body(*messages), status,
                               headers={"Content-Type": "application/json", **(headers or {})})


def not_found(what):
    return api_error(404, f"{what} not found")


def unprocessable(message):
    return api_error(422, message)


def error_page(error):
    """Bottle's error handler for its own errors: the same JSON shape instead of an HTML page."""
    bottle.response.content_type = "application/json"
    if error.status_code == 404:
        return error_body(f"no such URL: {bottle.request.path}")
    if error.status_code == 405:
        return error_body(f"{bottle.request.method} is not allowed here; "
                          f"allowed: {error.headers.get('Allow', '')}")
    if error.status_code >= 500:
        if error.traceback:
            log.error("unhandled error in %s %s\n%s", bottle.request.method,
                      bottle.request.path, error.traceback)
        return error_body("internal server error")
    return error_body(str(error.body))


def catch_unexpected(callback):
    """A Bottle plugin: log an unexpected exception and answer 500 without the traceback."""

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except bottle.HTTPResponse:
            raise
        except Exception:
            log.exception("unhandled error in %s %s", bottle.request.method, bottle.request.path)
            raise api_error(500, "internal server error") from None

    return wrapper
