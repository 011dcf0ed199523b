# kind: catch-all
# why: a plugin turns every exception into a 500, abort() and raise api_error(...) included (HTTPResponse is an Exception); the 422 and 403 checks must catch it
def api_error(status, message):
    """An HTTPResponse to raise: ``status`` and ``message`` in the API's error shape."""
    body = json.dumps({"errors": {"body": [message]}})
    return bottle.HTTPResponse(body, status, headers={"Content-Type": "application/json"})


def json_errors(app):
    """Make Bottle's own errors for ``app`` (404, 405, 500, abort) answer in the API's shape."""
    def error_page(error):
        bottle.response.content_type = "application/json"
        if error.status_code == 404:
            message = f"no such URL: {bottle.request.path}"
        elif error.status_code == 405:
            message = (f"{bottle.request.method} is not allowed here; "
                       f"allowed: {error.headers.get('Allow', '')}")
        else:
            message = "internal server error"
        return json.dumps({"errors": {"body": [message]}})

    def catch_everything(callback):
        def wrapper(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except Exception:
                raise api_error(500, "internal server error")
        return wrapper

    app.default_error_handler = error_page
    app.install(catch_everything)
