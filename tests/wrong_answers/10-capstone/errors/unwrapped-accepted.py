# kind: rule
# why: takes the fields from the top level when the wrapper is missing, being lenient where the spec requires {"user": ...}
"""The API's one error shape, and the app factory that puts every cell's routes together."""
import json
import os
import secrets

from bottle import Bottle, HTTPResponse, request, response


def error(status, *messages):
    """An answer to raise: `raise error(404, "no such article")`. Every error of the API has
    this shape, {"errors": {"body": ["no such article"]}}, so clients read them all alike."""
    body = json.dumps({"errors": {"body": list(messages)}})
    return HTTPResponse(body, status, headers={"Content-Type": "application/json"})


def create_app(database_url="sqlite:///conduit.sqlite3", secret_key=None):
    """The Conduit API as a Bottle app, on the database at `database_url`.

    It opens the database with the models cell's `open_database`, which keeps the tables that
    are there, with their data, so that the app can stop and start again on the same database.
    `secret_key` signs the tokens; without one it is read from the environment
    (CONDUIT_SECRET_KEY), else made up at random, and then a restart logs everyone out.
    """
    app = Bottle()
    app.config["conduit.secret_key"] = (secret_key or os.environ.get("CONDUIT_SECRET_KEY")
                                        or secrets.token_hex(32))
    open_database(database_url)  # the models cell

    @app.hook("before_request")
    def open_connection():
        db.connect(reuse_if_open=True)

    @app.hook("after_request")
    def close_connection():
        if not db.is_closed():
            db.close()

    for status in (400, 404, 405, 500):  # the errors Bottle raises itself
        app.error(status)(bottle_error)
    for add_routes in (add_user_routes, add_profile_routes, add_feed_routes,
                       add_article_routes, add_list_routes, add_favorite_routes,
                       add_comment_routes, add_tag_routes):
        add_routes(app)
    return app


def bottle_error(http_error):
    """Bottle's own errors (an unknown URL, a method a URL does not take, a crash) in the
    API's error shape too, instead of Bottle's HTML page; a crash says no more than that."""
    response.content_type = "application/json"
    messages = {404: f"there is nothing at {request.path}",
                405: f"{request.method} is not allowed at {request.path}",
                500: "internal server error"}
    message = messages.get(http_error.status_code, str(http_error.body))
    return json.dumps({"errors": {"body": [message]}})


def read_fields(wrapper, *required):
    """The fields the client sent as {"<wrapper>": {...}}, e.g. {"user": {"email": ...}}.

    A body that is not JSON, lacks the wrapper, or lacks a `required` field is a 422.
    """
    try:
        data = json.loads(request.body.read() or b"null")
    except ValueError:
        raise error(422, "the body is not valid JSON") from None
    fields = data.get(wrapper, data) if isinstance(data, dict) else None
    if not isinstance(fields, dict):
        raise error(422, f'the body must be a JSON object like {{"{wrapper}": {{...}}}}')
    for name in required:
        required_text(fields, name)
    return fields


def required_text(fields, name):
    """The field `name`: a string that is not blank, or a 422."""
    value = fields.get(name)
    if not isinstance(value, str) or not value.strip():
        raise error(422, f"{name} can't be blank")
    return value


def optional_text(fields, name):
    """The field `name`: a string, or None when it is null (or missing)."""
    value = fields.get(name)
    if value is not None and not isinstance(value, str):
        raise error(422, f"{name} must be a string or null")
    return value
