# kind: rule
# why: sets the error handler on the Bottle class, so every app in the process answers JSON errors; the check that another app keeps its HTML errors must catch it
def api_error(status, message):
    """An HTTPResponse to raise: ``status`` and ``message`` in the API's error shape."""
    body = json.dumps({"errors": {"body": [message]}})
    return bottle.HTTPResponse(body, status, headers={"Content-Type": "application/json"})


def json_errors(app):
    """Make Bottle's own errors for ``app`` (404, 405, 500, abort) answer in the API's shape."""
    def error_page(self, error):
        bottle.response.content_type = "application/json"
        if error.status_code == 404:
            message = f"no such URL: {bottle.request.path}"
        elif error.status_code == 405:
            message = (f"{bottle.request.method} is not allowed here; "
                       f"allowed: {error.headers.get('Allow', '')}")
        elif error.status_code >= 500:
            message = "internal server error"
        else:
            message = str(error.body)
        return json.dumps({"errors": {"body": [message]}})

    type(app).default_error_handler = error_page
