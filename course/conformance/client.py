"""A small HTTP client for any Conduit API, which keeps what it sent and what came back.

It speaks only HTTP (through ``requests``), so the same checks grade any server: the reference
one or a learner's, in any language. Every request has a timeout, so a server that hangs fails
one check instead of freezing the run. Each exchange is kept, so a failing check can show the
request, the answer, and a ``curl`` line that sends the same request again. The client also
remembers the articles and comments it made, so that ``clean_up()`` can delete them.
"""

import json
import re
import shlex
import uuid
from dataclasses import dataclass

import requests

TIMEOUT = 10  # seconds, for every request
PASSWORD = "correct-horse-battery-staple"


def unique(prefix):
    """``prefix`` plus a random suffix, e.g. ``"alice_3f9c0a1b2d"``.

    Every check makes its own users, articles and tags with such names, so checks never
    collide with each other, with demo data, or with an earlier run on the same database.
    """
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def auth(token):
    """The headers that send ``token`` the way the spec asks: ``Authorization: Token <jwt>``."""
    return {"Authorization": f"Token {token}"}


class CheckFailed(AssertionError):
    """A requirement that the server does not meet; ``exchange`` is the request it is about."""

    def __init__(self, message, exchange=None):
        super().__init__(message)
        self.exchange = exchange


@dataclass
class Exchange:
    """One request and what came back: a ``requests.Response``, or the error instead."""

    request: requests.PreparedRequest
    response: requests.Response = None
    error: str = None

    @property
    def method(self):
        return self.request.method

    @property
    def url(self):
        return self.request.url

    def body_text(self, limit=None):
        body = self.request.body
        if body is None:
            return None
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        return text if limit is None or len(text) <= limit else text[:limit] + "…"

    def answer(self, limit=600):
        """What came back, in short: ``422 {"errors": ...}``, or why nothing did. A list of
        articles shows the first few, each by the fields checks look at, then its count."""
        if self.response is None:
            return self.error
        text = self.response.text
        try:
            data = self.response.json()
        except ValueError:
            data = None
        if type(data) is dict and type(data.get("articles")) is list and data["articles"]:
            articles = data["articles"]
            shown = [brief(article) for article in articles[:3]]
            if len(articles) > 3:
                shown.append(f"… {len(articles) - 3} more")
            rest = {key: value for key, value in data.items() if key != "articles"}
            text = json.dumps({**rest, "articles": shown}, ensure_ascii=False)
        text = text if len(text) <= limit else text[:limit] + "…"
        return f"{self.response.status_code} {text}".rstrip()

    def curl(self):
        """A shell command that sends the same request, every part quoted for the shell."""
        words = ["curl", "-i", "-X", self.method, self.url]
        for name in ("Authorization", "Content-Type"):
            if self.request.headers.get(name):
                words += ["-H", f"{name}: {self.request.headers[name]}"]
        body = self.body_text()
        if body is not None:
            words += ["--data-raw", body]
        return " ".join(shlex.quote(word) for word in words)

    def as_dict(self):
        return {"method": self.method, "url": self.url, "body": self.body_text(),
                "status": None if self.response is None else self.response.status_code,
                "answer": self.answer(), "curl": self.curl()}


def brief(article):
    """An article of a list, by the fields that checks compare: ``slug``, ``tagList``, ..."""
    if type(article) is not dict:
        return article
    keep = ("slug", "tagList", "favorited", "favoritesCount", "createdAt")
    short = {key: article[key] for key in keep if key in article}
    author = article.get("author")
    if type(author) is dict:
        short["author"] = {key: author[key] for key in ("username", "following") if key in author}
    missing = sorted({"slug", "title", "description", "tagList", "createdAt", "updatedAt",
                      "favorited", "favoritesCount", "author"} - article.keys())
    if missing:
        short["missing keys"] = missing
    return short


ARTICLE = re.compile(r"^/articles/([^/]+)$")
COMMENT = re.compile(r"^/articles/([^/]+)/comments/([^/]+)$")


class Conduit:
    """A ``requests.Session`` aimed at one API base URL, e.g. ``http://127.0.0.1:8000/api``.

    ``conduit.get("/tags")`` answers the ``requests.Response``; pass ``token=...`` to send it.
    """

    def __init__(self, api_url, timeout=TIMEOUT):
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.exchanges = []
        self.articles = {}  # slug: the token of the user who made it
        self.comments = {}  # (slug, id): the token of the user who made it
        self.cache = {}  # things several checks share, e.g. the scene of the 401 checks

    def close(self):
        self.session.close()

    @property
    def last(self):
        return self.exchanges[-1] if self.exchanges else None

    def request(self, method, path, token=None, headers=None, **kwargs):
        headers = {**(auth(token) if token else {}), **(headers or {})}
        prepared = self.session.prepare_request(
            requests.Request(method, self.api_url + path, headers=headers, **kwargs))
        exchange = Exchange(prepared)
        self.exchanges.append(exchange)
        del self.exchanges[:-50]
        try:
            exchange.response = self.session.send(prepared, timeout=self.timeout)
        except requests.Timeout:
            exchange.error = f"no answer within {self.timeout:g} s"
            raise CheckFailed(f"{method} {path}: no answer within {self.timeout:g} s "
                              "(the server hangs, or is far too slow)", exchange) from None
        except requests.RequestException as error:
            exchange.error = f"the connection failed: {error}"
            raise CheckFailed(f"{method} {path}: the connection failed ({error})",
                              exchange) from None
        self.remember(method, path, token, kwargs, exchange.response)
        return exchange.response

    def remember(self, method, path, token, kwargs, r):
        """Keep track of the articles and comments this client made, for ``clean_up``."""
        path = path.split("?")[0]
        try:
            if method == "POST" and path == "/articles" and r.status_code == 201:
                self.articles[r.json()["article"]["slug"]] = token
            elif method == "POST" and path.endswith("/comments") and r.status_code == 200:
                slug = path.split("/")[2]
                self.comments[(slug, r.json()["comment"]["id"])] = token
            elif method == "PUT" and ARTICLE.match(path) and r.status_code == 200:
                old, new = ARTICLE.match(path).group(1), r.json()["article"]["slug"]
                if old in self.articles and new != old:
                    self.articles[new] = self.articles.pop(old)
            elif method == "DELETE" and r.status_code in (200, 204):
                if COMMENT.match(path):
                    slug, id = COMMENT.match(path).groups()
                    self.comments = {key: value for key, value in self.comments.items()
                                     if key != (slug, int(id) if id.isdigit() else id)}
                elif ARTICLE.match(path):
                    self.articles.pop(ARTICLE.match(path).group(1), None)
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # an answer without the expected shape: a check says so; nothing to keep

    def clean_up(self):
        """Delete the comments and articles this client made, where the API allows it.

        Answers how many of each it deleted. Users stay: the API cannot delete them.
        """
        deleted = {"comments": 0, "articles": 0}
        for (slug, id), token in list(self.comments.items()):
            if self._quietly("DELETE", f"/articles/{slug}/comments/{id}", token):
                deleted["comments"] += 1
        for slug, token in list(self.articles.items()):
            if self._quietly("DELETE", f"/articles/{slug}", token):
                deleted["articles"] += 1
        self.comments, self.articles = {}, {}
        return deleted

    def _quietly(self, method, path, token):
        try:
            r = self.session.request(method, self.api_url + path, headers=auth(token),
                                     timeout=self.timeout)
        except requests.RequestException:
            return False
        return r.status_code in (200, 204)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    # The steps nearly every check needs. Each checks the status code the spec gives, so a check
    # that fails here says so plainly instead of failing later with a confusing KeyError.

    def _expect(self, r, status, what):
        if r.status_code != status:
            raise CheckFailed(f"{what} must answer {status}, got {r.status_code}: "
                              f"{r.text[:600]}", self.last)
        try:
            return r.json()
        except ValueError:
            raise CheckFailed(f"{what} must answer JSON, got: {r.text[:600]!r}",
                              self.last) from None

    def register(self, prefix="user"):
        """Register a user with a unique name; answers the ``user`` object plus ``password``."""
        username = unique(prefix)
        fields = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        data = self._expect(self.post("/users", json={"user": fields}), 201, "POST /users")
        return {**data["user"], "password": PASSWORD}

    def login(self, email, password):
        """``POST /users/login``; answers the response, since some checks expect it to fail."""
        return self.post("/users/login", json={"user": {"email": email, "password": password}})

    def create_article(self, token, **fields):
        """Create an article (unique title unless given); answers the ``article`` object."""
        article = {"title": unique("Title"), "description": "A description.",
                   "body": "The body.", **fields}
        r = self.post("/articles", token=token, json={"article": article})
        return self._expect(r, 201, "POST /articles")["article"]

    def comment(self, token, slug, body="A comment."):
        """Add a comment to the article ``slug``; answers the ``comment`` object."""
        r = self.post(f"/articles/{slug}/comments", token=token, json={"comment": {"body": body}})
        return self._expect(r, 200, "POST /articles/{slug}/comments")["comment"]

    def follow(self, token, username):
        r = self.post(f"/profiles/{username}/follow", token=token)
        return self._expect(r, 200, "POST /profiles/{username}/follow")["profile"]

    def favorite(self, token, slug):
        r = self.post(f"/articles/{slug}/favorite", token=token)
        return self._expect(r, 200, "POST /articles/{slug}/favorite")["article"]

