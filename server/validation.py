"""Reading what a client sent (a JSON body, query parameters) and rejecting what is malformed.

Each check raises a 422 whose message names the field and what is wrong with it, so that a
client developer can fix the request without reading the server's code.
"""

import json

from bottle import request

from .errors import unprocessable

MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1
MAX_ID = 2**63 - 1  # the largest value of a BIGINT primary key


def json_body(wrapper):
    """The object inside ``{"<wrapper>": {...}}`` of the request's JSON body."""
    limit = request.app.config["MAX_BODY_BYTES"]
    if (request.content_length or 0) > limit:
        raise unprocessable(f"request body is larger than {limit} bytes")
    raw = request.body.read(limit + 1)
    if len(raw) > limit:
        raise unprocessable(f"request body is larger than {limit} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise unprocessable(f"request body is not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get(wrapper), dict):
        raise unprocessable(f'request body must be a JSON object like {{"{wrapper}": {{...}}}}')
    return data[wrapper]


def check_text(name, value, max_length):
    """``value`` if it is a string the database can store, at most ``max_length`` long."""
    if not isinstance(value, str):
        raise unprocessable(f"{name} must be a string")
    if len(value) > max_length:
        raise unprocessable(f"{name} must be at most {max_length} characters")
    if "\x00" in value:
        raise unprocessable(f"{name} must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise unprocessable(f"{name} must be valid Unicode text") from None
    return value


def required_text(data, name, max_length):
    """The field ``name`` of ``data``: present, a string, and not blank."""
    if data.get(name) is None:
        raise unprocessable(f"{name} can't be blank")
    value = check_text(name, data[name], max_length)
    if not value.strip():
        raise unprocessable(f"{name} can't be blank")
    return value


def nullable_text(data, name, max_length):
    """The field ``name`` of ``data``: a string, or None where the client sent null."""
    value = data.get(name)
    return None if value is None else check_text(name, value, max_length)


def query_text(name, max_length=255):
    """The query parameter ``name`` as text, or None when it was not given."""
    raw = request.query.get(name)
    if raw is None:
        return None
    try:
        value = raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise unprocessable(f"query parameter {name} is not valid UTF-8") from None
    return check_text(f"query parameter {name}", value, max_length)


def query_int(name, default, minimum, maximum):
    """The query parameter ``name`` as a whole number between ``minimum`` and ``maximum``."""
    raw = query_text(name, max_length=40)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise unprocessable(f"{name} must be a whole number, got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise unprocessable(f"{name} must be between {minimum} and {maximum}, got {value}")
    return value


def paging():
    """``(limit, offset)`` from the query string, with the spec's default of 20 items."""
    return (query_int("limit", 20, 1, MAX_LIMIT), query_int("offset", 0, 0, MAX_OFFSET))


def path_id(name, raw):
    """A whole-number id from the URL, within what the database can hold."""
    # The length check comes first: int() refuses strings of more than 4300 digits.
    if (not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_ID))
            or not 1 <= int(raw) <= MAX_ID):
        raise unprocessable(f"{name} must be a whole number from 1 to {MAX_ID}, "
                            f"got {raw[:40]!r}")
    return int(raw)
