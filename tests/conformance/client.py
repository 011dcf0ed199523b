"""A tiny HTTP client for any Conduit API, used by the conformance tests.

It speaks only HTTP (through ``requests``), so the same tests can grade any server: the
reference one or yours. Every call has a timeout, so a server that hangs fails a test instead of
freezing the whole run.
"""

import uuid

import requests

TIMEOUT = 10  # seconds, for every request
PASSWORD = "correct-horse-battery-staple"


def unique(prefix):
    """``prefix`` plus a random suffix, e.g. ``"alice_3f9c0a1b2d"``.

    Every test makes its own users, articles and tags with such names, so the tests never
    collide with each other, with demo data, or with an earlier run on the same database.
    """
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def auth(token):
    """The headers that send ``token`` the way the spec asks: ``Authorization: Token <jwt>``."""
    return {"Authorization": f"Token {token}"}


class Conduit:
    """A ``requests.Session`` aimed at one API base URL, e.g. ``http://127.0.0.1:8000/api``.

    ``conduit.get("/tags")`` answers the ``requests.Response``; pass ``token=...`` to send it.
    """

    def __init__(self, api_url):
        self.api_url = api_url.rstrip("/")
        self.session = requests.Session()

    def close(self):
        self.session.close()

    def request(self, method, path, token=None, headers=None, **kwargs):
        headers = {**(auth(token) if token else {}), **(headers or {})}
        return self.session.request(method, self.api_url + path, headers=headers,
                                    timeout=TIMEOUT, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    # The steps nearly every test needs. Each checks the status code the spec gives, so a test
    # that fails here says so plainly instead of failing later with a confusing KeyError.

    def register(self, prefix="user"):
        """Register a user with a unique name; answers the ``user`` object plus ``password``."""
        username = unique(prefix)
        fields = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        r = self.post("/users", json={"user": fields})
        assert r.status_code == 201, f"POST /users must answer 201, got {r.status_code}: {r.text}"
        return {**r.json()["user"], "password": PASSWORD}

    def login(self, email, password):
        """``POST /users/login``; answers the response, since some tests expect it to fail."""
        return self.post("/users/login", json={"user": {"email": email, "password": password}})

    def create_article(self, token, **fields):
        """Create an article (unique title unless given); answers the ``article`` object."""
        article = {"title": unique("Title"), "description": "A description.",
                   "body": "The body.", **fields}
        r = self.post("/articles", token=token, json={"article": article})
        assert r.status_code == 201, \
            f"POST /articles must answer 201, got {r.status_code}: {r.text}"
        return r.json()["article"]

    def comment(self, token, slug, body="A comment."):
        """Add a comment to the article ``slug``; answers the ``comment`` object."""
        r = self.post(f"/articles/{slug}/comments", token=token, json={"comment": {"body": body}})
        assert r.status_code == 200, \
            f"POST /articles/{{slug}}/comments must answer 200, got {r.status_code}: {r.text}"
        return r.json()["comment"]

    def follow(self, token, username):
        r = self.post(f"/profiles/{username}/follow", token=token)
        assert r.status_code == 200, \
            f"POST /profiles/{{username}}/follow must answer 200, got {r.status_code}: {r.text}"
        return r.json()["profile"]

    def favorite(self, token, slug):
        r = self.post(f"/articles/{slug}/favorite", token=token)
        assert r.status_code == 200, \
            f"POST /articles/{{slug}}/favorite must answer 200, got {r.status_code}: {r.text}"
        return r.json()["article"]
