"""The server's own OpenAPI document (``server/openapi.json``) is valid and tells the truth.

Three kinds of test hold it to the code: the document is a valid OpenAPI 3.0 document (checked
against the official OpenAPI 3.0 JSON schema, the copy schemathesis ships) whose examples match
its schemas; its operations and the Bottle app's routes are the same set, with the same
authentication; and a bounded, derandomized property-based fuzz run (schemathesis) sends
generated requests to the app in process, on each backend, and checks that no answer is a 5xx
and that every answer is documented: its status code, content type, headers and body.
"""

import json
import re
import zlib
from pathlib import Path

import jsonschema
import pytest
import schemathesis
import webtest
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR

import server
from server import create_app
from server.seed import DEMO_PASSWORD, seed

from .conftest import TEST_SETTINGS

DOCUMENT_PATH = Path(server.__file__).with_name("openapi.json")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def document():
    return json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))


def operations(document):
    """``(METHOD, path, operation)`` for every operation the document describes."""
    return [(method.upper(), path, operation)
            for path, item in document["paths"].items()
            for method, operation in item.items() if method in METHODS]


def resolve(document, node):
    """``node``, or what its ``$ref`` points to (refs inside the document only)."""
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"]
        assert pointer.startswith("#/"), f"only local references are used: {pointer}"
        node = document
        for part in pointer[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


# --- the document itself ------------------------------------------------------------------------


def test_document_is_a_valid_openapi_3_0_document(document):
    errors = [f"{'/'.join(map(str, error.instance_path))}: {error.message}"
              for error in OPENAPI_30_VALIDATOR.iter_errors(document)]
    assert errors == []
    assert document["openapi"] == "3.0.3"
    schemathesis.openapi.from_dict(document).validate()


def test_every_reference_resolves(document):
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                resolve(document, node)  # raises KeyError if the target is missing
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)


def test_file_is_formatted_for_readable_diffs():
    text = DOCUMENT_PATH.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True,
                              ensure_ascii=False) + "\n"


def test_operation_ids_are_unique(document):
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))


def as_json_schema(node):
    """An OpenAPI 3.0 schema as plain JSON Schema: ``nullable: true`` becomes a type list."""
    if isinstance(node, list):
        return [as_json_schema(value) for value in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items()
                 if key not in ("nullable", "example")}
    if node.get("nullable") and "type" in node:
        converted["type"] = [node["type"], "null"]
    return converted


def examples_of(document):
    """``(where, schema, example)`` for every example: of a schema, a parameter or a body."""
    found = []

    def walk(node, where):
        if isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")
            return
        if not isinstance(node, dict):
            return
        schema = node.get("schema", node)  # a parameter or a body, else a schema itself
        if "example" in node:
            found.append((where, schema, node["example"]))
        if isinstance(node.get("examples"), dict) and "schema" in node:
            for name, example in node["examples"].items():
                found.append((f"{where} ({name})", schema, resolve(document, example)["value"]))
        for key, value in node.items():
            if key not in ("example", "examples"):
                walk(value, f"{where}/{key}")

    walk(document, "#")
    return found


def test_examples_match_their_schemas(document):
    components = as_json_schema(document["components"])
    found = examples_of(document)
    assert len(found) > 50
    for where, schema, example in found:
        validator = jsonschema.Draft4Validator(
            {"allOf": [as_json_schema(schema)], "components": components})
        assert [error.message for error in validator.iter_errors(example)] == [], where


def test_the_server_serves_the_document(client, document):
    response = client.get("/api/openapi.json")
    assert response.content_type == "application/json"
    assert response.json == document


# --- the document and the routes ----------------------------------------------------------------


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    """``{(METHOD, path template): route}`` for every route of an app (OPTIONS aside)."""
    path = tmp_path_factory.mktemp("routes") / "conduit.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", **TEST_SETTINGS})
    app.config["conduit.database"].close()
    return {(route.method, re.sub(r"<(\w+)[^>]*>", r"{\1}", route.rule)): route
            for route in app.routes if route.method != "OPTIONS"}


def shape(path):
    """A path template without its parameter names: ``/api/articles/{}/comments/{}``."""
    return re.sub(r"\{\w+\}", "{}", path)


# The API explorer's pages (server/explorer.py) are HTML for browsers, not part of the API.
EXPLORER_ROUTES = {("GET", "/api"), ("GET", "/api/"), ("GET", "/api/docs"),
                   ("GET", "/api/docs/{name}")}


def test_every_route_is_documented(routes, document):
    documented = {(method, shape(path)) for method, path, _ in operations(document)}
    assert EXPLORER_ROUTES <= set(routes), "the explorer's routes are named here as they are"
    assert sorted((method, path) for method, path in routes
                  if (method, shape(path)) not in documented
                  and (method, path) not in EXPLORER_ROUTES) == []


def test_every_documented_operation_is_a_route(routes, document):
    served = {(method, shape(path)) for method, path in routes}
    assert sorted((method, path) for method, path, _ in operations(document)
                  if (method, shape(path)) not in served) == []


def test_authentication_is_documented_as_the_routes_ask(routes, document):
    """``auth="required"``: the token; ``"optional"``: the token or nothing; 401 on both."""
    expected_security = {"required": [{"Token": []}], "optional": [{"Token": []}, {}],
                         None: None}
    by_shape = {(method, shape(path)): route for (method, path), route in routes.items()}
    for method, path, operation in operations(document):
        mode = by_shape[method, shape(path)].config.get("auth")
        assert operation.get("security") == expected_security[mode], f"{method} {path}"
        assert ("401" in operation["responses"]) == (mode is not None), f"{method} {path}"


def test_operations_that_read_input_document_422(document):
    """A body, a query parameter or a numeric path parameter can always be invalid."""
    for method, path, operation in operations(document):
        parameters = [resolve(document, parameter)
                      for parameter in operation.get("parameters", [])]
        reads_input = "requestBody" in operation or any(
            parameter["in"] == "query" or parameter["schema"].get("type") == "integer"
            for parameter in parameters)
        if reads_input:
            assert "422" in operation["responses"], f"{method} {path}"


def test_error_responses_have_the_error_body_and_204_has_none(document):
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            response = resolve(document, response)
            if status.startswith("4"):
                assert list(response["content"]) == ["application/json"], f"{method} {path}"
                assert response["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/GenericErrorModel"}, f"{method} {path}"
            if status == "204":
                assert "content" not in response, f"{method} {path}"


def test_info_says_what_the_document_is(document):
    info = document["info"]
    assert "reference server" in info["description"]
    assert "RealWorld" in info["description"]
    assert info["license"]["name"] == "MIT"


# --- fuzzing ------------------------------------------------------------------------------------


@pytest.fixture
def demo_app(app):
    """The app on a fresh database holding the demo data, so generated requests find things."""
    seed(app.config["conduit.database"], app.config)
    return app


@pytest.fixture
def alice_token(demo_app):
    credentials = {"email": "alice@example.com", "password": DEMO_PASSWORD}
    response = webtest.TestApp(demo_app).post_json("/api/users/login", {"user": credentials})
    return response.json["user"]["token"]


# No 5xx; and the status code, content type, documented headers and body are as documented.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]

# Loaded from the file at import, so that each operation is a test of its own on each backend.
# (``schemathesis.pytest.from_fixture`` would load it from the app, but schemathesis 4.32 reads
# ``Node._nodeid``, which pytest 9.2 no longer has.)
schema = schemathesis.openapi.from_path(DOCUMENT_PATH)


def credentials_for(case):
    """Alice's token (half the cases), no token, or a bad one: chosen from the generated case
    itself, so that Hypothesis replays and shrinks a failing case with the same choice."""
    key = repr((case.method, case.headers, case.path_parameters, case.query, case.body))
    return ("alice", "alice", "none", "bad")[zlib.crc32(key.encode()) % 4]


# Bounded and reproducible: 30 random cases an operation (besides the document's examples and
# schemathesis's boundary values), the same on every run, none saved between runs. The examples
# of one operation share an app and its database on purpose, as a real server's clients do
# (hence function_scoped_fixture); too_slow only measures how fast the machine generates data.
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@schema.parametrize()
def test_fuzz_the_app_against_the_document(case, demo_app, alice_token):
    """Generated requests (valid and invalid) get documented answers and never a 5xx.

    Runs the examples in the document, then boundary values, then random data: up to about two
    hundred requests an operation, the same ones on every run.
    """
    security = case.operation.definition.raw.get("security")
    choice = credentials_for(case) if security else None
    headers = {key: value for key, value in (case.headers or {}).items()
               if key.lower() != "authorization"}
    if choice == "alice":
        headers["Authorization"] = f"Token {alice_token}"
    elif choice == "bad":  # whatever schemathesis made up, or nothing: never a valid token
        headers["Authorization"] = f"Token {(case.headers or {}).get('Authorization', '')}"
    case.headers = headers
    response = case.call_and_validate(checks=CHECKS, app=demo_app)
    # (Schemathesis also tries methods a path does not have: those reach no handler, and get 405.)
    if case.method.upper() == case.operation.method.upper() and (
            choice == "bad" or choice == "none" and {} not in security):
        assert response.status_code == 401, "a missing or bad token is refused before anything"
