"""Bad input of every kind, on every endpoint: each is answered with the right 4xx and the API's
error shape ``{"errors": {"body": [...]}}``, never with a 500.

The cases of one table run as subtests of one test, so that a table costs one fresh app, not one
per row; a failing row is still reported by its name.
"""

import json

import pytest
import webtest

from server import create_app

from .conftest import PASSWORD, TEST_SETTINGS, Articles, Users, error_messages

# Every endpoint that reads a body: method, URL, wrapper, a body it accepts, and its status.
ENDPOINTS = {
    "register": ("POST", "/api/users", "user", {
        "username": "newcomer", "email": "newcomer@example.com", "password": PASSWORD}, 201),
    "login": ("POST", "/api/users/login", "user", {
        "email": "alice@example.com", "password": PASSWORD}, 200),
    "update user": ("PUT", "/api/user", "user", {
        "username": "alicia", "email": "alicia@example.com", "password": "a new password",
        "bio": "Hello", "image": "https://example.com/a.png"}, 200),
    "create article": ("POST", "/api/articles", "article", {
        "title": "New", "description": "d", "body": "b", "tagList": ["t"]}, 201),
    "update article": ("PUT", "/api/articles/{slug}", "article", {
        "title": "Changed", "description": "d", "body": "b", "tagList": ["t"]}, 200),
    "add comment": ("POST", "/api/articles/{slug}/comments", "comment", {"body": "b"}, 200),
}


class Caller:
    """alice, her article, and a way to send any body to any endpoint as her."""

    def __init__(self, client):
        self.client = client
        self.alice = Users(client).register("alice")
        self.slug = Articles(client).create(self.alice, title="Existing")["slug"]

    def send(self, endpoint, body, status=422):
        """Send ``body`` (bytes as they are, anything else as JSON) and expect ``status``."""
        method, url, _, _, _ = ENDPOINTS[endpoint]
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.client.request(url.format(slug=self.slug), method=method, body=raw,
                                   headers={**self.alice["headers"],
                                            "Content-Type": "application/json"},
                                   status=status)

    def send_fields(self, endpoint, status=422, **fields):
        """Send the endpoint's accepted body with ``fields`` changed."""
        _, _, wrapper, valid, _ = ENDPOINTS[endpoint]
        return self.send(endpoint, {wrapper: {**valid, **fields}}, status)


@pytest.fixture
def caller(client):
    return Caller(client)


def refused(response, *words):
    """The error messages, checked to name each of ``words`` (so the 422 has the right cause)."""
    messages = error_messages(response)
    for word in words:
        assert any(word in message for message in messages), \
            f"the error must say what was wrong with {word}: {messages}"
    return messages


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_accepted_body_is_accepted(caller, endpoint):
    # The control for everything below: each bad body differs from this one in one thing.
    caller.send_fields(endpoint, status=ENDPOINTS[endpoint][4])


# The body as a whole

BAD_BODIES = {
    "malformed JSON": lambda wrapper, valid: b'{"%s": {"a": }' % wrapper.encode(),
    "JSON with trailing garbage": lambda wrapper, valid: json.dumps({wrapper: valid}).encode()
    + b" garbage",
    "an empty body": lambda wrapper, valid: b"",
    "bytes that are not UTF-8": lambda wrapper, valid: b'{"%s": {"a": "\xff"}}'
    % wrapper.encode(),
    "nesting deeper than Python's recursion limit": lambda wrapper, valid: b"[" * 100_000
    + b"]" * 100_000,
    "a list": lambda wrapper, valid: [{wrapper: valid}],
    "a string": lambda wrapper, valid: wrapper,
    "a number": lambda wrapper, valid: 42,
    "null": lambda wrapper, valid: None,
    "the fields without their wrapper": lambda wrapper, valid: valid,
    "the wrong wrapper": lambda wrapper, valid: {"data": valid},
    "a wrapper that is a string": lambda wrapper, valid: {wrapper: "text"},
    "a wrapper that is a list": lambda wrapper, valid: {wrapper: [valid]},
    "a wrapper that is null": lambda wrapper, valid: {wrapper: None},
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_that_is_not_the_wrapped_object_is_422(caller, subtests, endpoint):
    _, _, wrapper, valid, _ = ENDPOINTS[endpoint]
    for case, make in BAD_BODIES.items():
        with subtests.test(case):
            error_messages(caller.send(endpoint, make(wrapper, valid)))


@pytest.mark.parametrize("endpoint", [name for name in ENDPOINTS if name != "update article"])
def test_an_empty_wrapper_is_422(caller, endpoint):
    # Each of these needs at least one field (PUT /api/user: "at least one field is required").
    error_messages(caller.send(endpoint, {ENDPOINTS[endpoint][2]: {}}))


# Text fields

# (endpoint, field, most characters) for every text field of every body.
TEXT_FIELDS = [
    ("register", "username", 64), ("register", "email", 254), ("register", "password", 1024),
    ("login", "email", 254), ("login", "password", 1024),
    ("update user", "username", 64), ("update user", "email", 254),
    ("update user", "password", 1024), ("update user", "bio", 10_000),
    ("update user", "image", 10_000),
    ("create article", "title", 255), ("create article", "description", 10_000),
    ("create article", "body", 1_000_000),
    ("update article", "title", 255), ("update article", "description", 10_000),
    ("update article", "body", 1_000_000),
    ("add comment", "body", 100_000),
]
NULLABLE = {"bio", "image"}


def text_of_length(field, length, character="a"):
    """A value of ``length`` characters that is otherwise good for ``field``."""
    if field == "email":
        return "a" * (length - len("@example.com")) + "@example.com"
    return character * length


def bad_text(field, max_length):
    """The values a text field must refuse, by name."""
    values = {"a number": 42, "a fraction": 1.5, "true": True, "a list": ["text"],
              "an object": {"text": "text"}, "a NUL character": "before\x00after",
              # json.dumps sends this as the six characters \ud800, which decode to a lone
              # surrogate: a str that cannot be encoded to UTF-8 and so cannot be stored.
              "a lone surrogate": "\ud800x",
              "one character too many": text_of_length(field, max_length + 1)}
    if field not in NULLABLE:
        values.update({"null": None, "empty": "", "blank": " \t\n"})
    return values


@pytest.mark.parametrize("endpoint, field, max_length", TEXT_FIELDS)
def test_a_bad_text_field_is_422(caller, subtests, endpoint, field, max_length):
    for case, value in bad_text(field, max_length).items():
        with subtests.test(case):
            refused(caller.send_fields(endpoint, **{field: value}), field)


def test_a_lone_surrogate_sent_as_raw_bytes_is_422(caller):
    body = (b'{"user": {"username": "\\ud800x", "email": "newcomer@example.com", '
            b'"password": "' + PASSWORD.encode() + b'"}}')
    refused(caller.send("register", body), "username")


@pytest.mark.parametrize("endpoint, field, max_length",
                         [row for row in TEXT_FIELDS if row[0] != "login"])
def test_the_longest_text_is_accepted(caller, endpoint, field, max_length):
    # Where it fits in a body, a two-byte character checks the database stores characters.
    character = "é" if max_length <= 100_000 and field not in ("username", "email") else "a"
    value = text_of_length(field, max_length, character)
    caller.send_fields(endpoint, status=ENDPOINTS[endpoint][4], **{field: value})


@pytest.mark.parametrize("endpoint, field, value", [
    ("register", "username", "al ice"), ("register", "username", "alice!"),
    ("register", "email", "not-an-email"), ("register", "email", "@example.com"),
    ("register", "email", "alice@"), ("register", "password", "short"),
    ("update user", "username", "al/ice"), ("update user", "email", "no at sign"),
    ("update user", "password", "1234567"),
])
def test_an_invalid_account_field_is_422(caller, endpoint, field, value):
    refused(caller.send_fields(endpoint, **{field: value}), field)


BAD_TAG_LISTS = {"a string": "python", "a number": 42, "an object": {"python": 1},
                 "a number in it": [42], "null in it": [None], "a list in it": [["python"]],
                 "an empty tag": [""], "a blank tag": ["  "], "a NUL character": ["py\x00"],
                 "a lone surrogate": ["\ud800"], "a tag too long": ["t" * 65],
                 "too many tags": [f"tag{n}" for n in range(21)]}


@pytest.mark.parametrize("endpoint", ["create article", "update article"])
def test_a_bad_tag_list_is_422(caller, subtests, endpoint):
    for case, tags in BAD_TAG_LISTS.items():
        with subtests.test(case):
            refused(caller.send_fields(endpoint, tagList=tags), "tag")


@pytest.mark.parametrize("endpoint", ["create article", "update article"])
def test_the_most_and_longest_tags_are_accepted(caller, endpoint):
    tags = [f"{n:02d}" + "t" * 62 for n in range(20)]
    article = caller.send_fields(endpoint, status=ENDPOINTS[endpoint][4], tagList=tags)
    assert article.json["article"]["tagList"] == tags, "20 tags of 64 characters are kept"


# The size of a body

SMALL_LIMIT = 300


@pytest.fixture
def small_limit_caller(database_url):
    app = create_app({"DATABASE_URL": database_url, **TEST_SETTINGS,
                      "MAX_BODY_BYTES": SMALL_LIMIT})
    yield Caller(webtest.TestApp(app))
    app.config["conduit.database"].close()


def padded(endpoint, size):
    """The endpoint's accepted body, padded with spaces to ``size`` bytes."""
    _, _, wrapper, valid, _ = ENDPOINTS[endpoint]
    raw = json.dumps({wrapper: valid}).encode()
    assert len(raw) <= size, "the accepted body must fit in the size under test"
    return raw + b" " * (size - len(raw))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_over_max_body_bytes_is_422(small_limit_caller, endpoint):
    small_limit_caller.send(endpoint, padded(endpoint, SMALL_LIMIT),
                            status=ENDPOINTS[endpoint][4])
    refused(small_limit_caller.send(endpoint, padded(endpoint, SMALL_LIMIT + 1)),
            f"{SMALL_LIMIT} bytes")


def test_a_2_mib_body_is_422_by_default(caller, subtests):
    for endpoint in ENDPOINTS:
        with subtests.test(endpoint):
            refused(caller.send(endpoint, padded(endpoint, 2 * 1024 * 1024)), "larger than")


# Query strings

BAD_PAGING = ["limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=1e2",
              "limit=%00", "offset=-1", f"offset={2**31}", f"offset={10**30}", "offset=abc",
              "offset=1.5", "offset=" + "9" * 1000]
BAD_FILTERS = ["tag=%00", "author=%00", "favorited=%00", "tag=%FF", "author=caf%E9",
               "tag=" + "t" * 10_000, "author=" + "a" * 10_000, "favorited=" + "f" * 10_000]
GOOD_PAGING = ["limit=1", "limit=100", "offset=0", f"offset={2**31 - 1}", "limit=100&offset=100"]
GOOD_FILTERS = ["tag=" + "t" * 255, "tag=caf%C3%A9", "tag=a&author=b&favorited=c"]
# The feed reads only limit and offset.
QUERIES = [("/api/articles", BAD_PAGING + BAD_FILTERS, GOOD_PAGING + GOOD_FILTERS),
           ("/api/articles/feed", BAD_PAGING, GOOD_PAGING)]


@pytest.mark.parametrize("url, bad, good", QUERIES, ids=["articles", "feed"])
def test_a_bad_query_parameter_is_422(caller, subtests, url, bad, good):
    for query in bad:
        with subtests.test(query[:40]):
            error_messages(caller.client.get(f"{url}?{query}", headers=caller.alice["headers"],
                                             status=422))


@pytest.mark.parametrize("url, bad, good", QUERIES, ids=["articles", "feed"])
def test_a_query_parameter_in_range_is_accepted(caller, subtests, url, bad, good):
    for query in good:
        with subtests.test(query[:40]):
            page = caller.client.get(f"{url}?{query}", headers=caller.alice["headers"]).json
            assert type(page["articlesCount"]) is int, f"?{query[:40]} answers with a list"


# Path segments

SLUG_ROUTES = [("GET", "/api/articles/{}"), ("PUT", "/api/articles/{}"),
               ("DELETE", "/api/articles/{}"), ("POST", "/api/articles/{}/favorite"),
               ("DELETE", "/api/articles/{}/favorite"), ("GET", "/api/articles/{}/comments"),
               ("POST", "/api/articles/{}/comments"),
               ("DELETE", "/api/articles/{}/comments/1")]
PROFILE_ROUTES = [("GET", "/api/profiles/{}"), ("POST", "/api/profiles/{}/follow"),
                  ("DELETE", "/api/profiles/{}/follow")]
BAD_SEGMENTS = {"a NUL character": "%00", "a NUL after a real name": "{real}%00",
                "10,000 characters": "a" * 10_000, "a name in another script": "%E2%9C%93"}
# A body each route accepts, so that only the path can be what is wrong.
ROUTE_BODIES = {"PUT": b'{"article": {"title": "t"}}', "POST": b'{"comment": {"body": "b"}}'}


@pytest.mark.parametrize("method, route", SLUG_ROUTES + PROFILE_ROUTES)
def test_an_unknown_name_in_the_path_is_404(caller, subtests, method, route):
    real = caller.slug if "articles" in route else "alice"
    for case, segment in BAD_SEGMENTS.items():
        with subtests.test(case):
            url = route.format(segment.format(real=real))
            error_messages(caller.client.request(
                url, method=method, body=ROUTE_BODIES.get(method, b""),
                headers=caller.alice["headers"], status=404))


@pytest.mark.parametrize("comment_id", ["%00", "1%00", "a" * 10_000, "1" * 10_000])
def test_a_bad_comment_id_in_the_path_is_422(caller, comment_id):
    error_messages(caller.client.delete(f"/api/articles/{caller.slug}/comments/{comment_id}",
                                        headers=caller.alice["headers"], status=422))


# URLs and methods

@pytest.mark.parametrize("method, url", [
    # (/api leads to the API explorer: tests/test_api_explorer.py)
    ("GET", "/"), ("GET", "/api/docs/nothing"), ("GET", "/api/nothing"), ("POST", "/api/nothing"),
    ("GET", "/api/articles/a/b/c"), ("GET", "/api/users/"), ("GET", "/api/profiles/"),
])
def test_an_unknown_url_is_404(client, method, url):
    error_messages(client.request(url, method=method, status=404))


@pytest.mark.parametrize("method, url, allowed", [
    ("DELETE", "/api/tags", {"GET"}),
    ("PATCH", "/api/user", {"GET", "PUT"}),
    ("GET", "/api/users", {"POST"}),
    ("GET", "/api/users/login", {"POST"}),
    ("POST", "/api/articles/feed", {"GET", "PUT", "DELETE"}),
    ("PATCH", "/api/articles/some-slug", {"GET", "PUT", "DELETE"}),
    ("GET", "/api/articles/some-slug/favorite", {"POST", "DELETE"}),
    ("PUT", "/api/articles/some-slug/comments", {"GET", "POST"}),
    ("GET", "/api/articles/some-slug/comments/1", {"DELETE"}),
    ("PUT", "/api/profiles/alice/follow", {"POST", "DELETE"}),
])
def test_a_wrong_method_is_405_with_an_allow_header(client, method, url, allowed):
    response = client.request(url, method=method, status=405)
    error_messages(response)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == allowed, \
        f"the Allow header names the methods {url} takes"
