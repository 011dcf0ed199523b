"""``GET /api/openapi.json``: the server's own OpenAPI 3 document, for tools and for readers.

The document lives beside this module as ``openapi.json``; the tests hold the server to it.
"""

import json
from functools import cache
from importlib.resources import files


@cache
def document():
    return json.loads(files(__package__).joinpath("openapi.json").read_text(encoding="utf-8"))


def openapi_json():
    return document()


def register(app):
    app.get("/api/openapi.json", callback=openapi_json, cache="static")
