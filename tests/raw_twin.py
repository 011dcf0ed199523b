"""A raw ``sqlite3`` twin of four reads of the reference server, to measure the server against.

    gunicorn 'tests.raw_twin:create_twin()'      # DATABASE_URL, SECRET_KEY, TWIN_CONNECTION

It answers ``GET /api/articles``, ``GET /api/articles/feed``, ``GET /api/articles/<slug>`` and
``GET /api/tags`` with the same bytes the server gives for the same SQLite database, making the
same number of queries with the same meaning (one ``COUNT(*)``, one page, its tags, its
favorites, and for a viewer who they favorited and follow), but with no framework and no ORM:
a WSGI function, SQL text written by hand that selects only the columns the answer shows, and
``json.dumps``. What is left is the least work those answers need, so the server's figures
over the twin's say how much the rest costs. It is a yardstick for ``tests.benchmark_server``,
not a server: it has no writes, and answers any other request with a 404.

Its connection is opened in one of two ways, ``TWIN_CONNECTION``: ``per-request`` (the
default) opens one for each request and runs the server's four PRAGMAs on it, as the server
did before it kept its connections; ``kept`` opens one per worker thread once and keeps it,
as the server now does (``server/database.py``).
"""

import json
import os
import sqlite3
import threading
from http import HTTPStatus
from urllib.parse import parse_qs

import jwt

from server.auth import TOKEN_ALGORITHM, TOKEN_SCHEMES
from server.database import SQLITE_PRAGMAS
from server.validation import MAX_LIMIT, MAX_OFFSET

CONNECTIONS = ("per-request", "kept")

ARTICLE_COLUMNS = """article.id, article.slug, article.title, article.description,
    article.created_at, article.updated_at, author.id, author.username, author.bio,
    author.image"""
ARTICLES = f"""SELECT {ARTICLE_COLUMNS}
    FROM article JOIN "user" AS author ON author.id = article.author_id"""
IN_FEED = "article.author_id IN (SELECT followed_id FROM follow WHERE follower_id = ?)"
NEWEST_FIRST = "ORDER BY article.created_at DESC, article.id DESC LIMIT ? OFFSET ?"
COUNT_ARTICLES = """SELECT COUNT(*)
    FROM article JOIN "user" AS author ON author.id = article.author_id"""
ONE_ARTICLE = f"""SELECT {ARTICLE_COLUMNS}, article.body
    FROM article JOIN "user" AS author ON author.id = article.author_id
    WHERE article.slug = ?"""
TAGS_OF = """SELECT articletag.article_id, tag.name
    FROM articletag JOIN tag ON tag.id = articletag.tag_id
    WHERE articletag.article_id IN ({marks})"""
FAVORITES_OF = """SELECT article_id, COUNT(*) FROM favorite
    WHERE article_id IN ({marks}) GROUP BY article_id"""
FAVORITED_BY = "SELECT article_id FROM favorite WHERE user_id = ? AND article_id IN ({marks})"
FOLLOWED_BY = "SELECT followed_id FROM follow WHERE follower_id = ? AND followed_id IN ({marks})"
VIEWER = 'SELECT id FROM "user" WHERE id = ?'
TAGS_BY_USE = """SELECT tag.name FROM tag JOIN articletag ON articletag.tag_id = tag.id
    GROUP BY tag.id, tag.name ORDER BY COUNT(articletag.id) DESC, tag.name"""


class Refused(Exception):
    """A request the twin answers with an error: its status and the reason."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status


def iso_utc(stored):
    """A time as SQLite keeps it (``2024-01-01 09:00:00.123456``) as the API shows it
    (``2024-01-01T09:00:00.123Z``), as ``server.models.iso_utc`` does from a datetime."""
    moment, _, fraction = stored.partition(".")
    return f"{moment.replace(' ', 'T')}.{(fraction + '000')[:3]}Z"


def marks(values):
    return ", ".join("?" * len(values))


class RawTwin:
    """The WSGI app: ``RawTwin(path, secret_key, connection)``.

    With ``count_queries``, ``self.queries`` counts the statements SQLite runs, PRAGMAs left
    out as the server's counter leaves them out, so that a check can compare the two.
    """

    def __init__(self, path, secret_key, connection="per-request", count_queries=False):
        if connection not in CONNECTIONS:
            raise ValueError(f"connection must be one of {', '.join(CONNECTIONS)}, "
                             f"not {connection!r}")
        self.path, self.secret_key, self.connection = path, secret_key, connection
        self.count_queries = count_queries
        self.queries = 0
        self.kept = threading.local()

    def connect(self):
        database = sqlite3.connect(self.path, isolation_level=None)
        for name, value in SQLITE_PRAGMAS.items():
            database.execute(f"PRAGMA {name} = {value}")
        if self.count_queries:
            database.set_trace_callback(self.count)
        return database

    def count(self, statement):
        """sqlite3's trace callback: one more query, unless the statement is a PRAGMA."""
        if not statement.lstrip().upper().startswith("PRAGMA"):
            self.queries += 1

    def __call__(self, environ, start_response):
        if self.connection == "kept":
            if getattr(self.kept, "database", None) is None:
                self.kept.database = self.connect()
            database = self.kept.database
        else:
            database = self.connect()
        try:
            status, answer = 200, self.answer(database, environ)
        except Refused as refused:
            status, answer = refused.status, {"errors": {"body": [str(refused)]}}
        finally:
            if self.connection == "per-request":
                database.close()
        body = json.dumps(answer).encode()
        start_response(f"{status} {HTTPStatus(status).phrase}",
                       [("Content-Type", "application/json"),
                        ("Content-Length", str(len(body)))])
        return [body]

    def answer(self, database, environ):
        """The answer's JSON object, found from the request's method and path."""
        if environ["REQUEST_METHOD"] != "GET":
            raise Refused(405, "the twin only reads")
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        if path == "/api/tags":  # the one read the server answers without looking at tokens
            return {"tags": [name for (name,) in database.execute(TAGS_BY_USE)]}
        query = parse_qs(environ.get("QUERY_STRING", ""))
        viewer = self.viewer(database, environ.get("HTTP_AUTHORIZATION"))
        if path == "/api/articles":
            return self.page(database, viewer, query)
        if path == "/api/articles/feed":
            if viewer is None:
                raise Refused(401, "the feed needs 'Authorization: Token <your token>'")
            return self.page(database, viewer, query, feed=True)
        if path.startswith("/api/articles/") and "/" not in path[len("/api/articles/"):]:
            return self.article(database, viewer, path[len("/api/articles/"):])
        raise Refused(404, f"the twin does not answer {path}")

    def viewer(self, database, header):
        """The id of the user a valid token names, or None without a token."""
        if not header:
            return None
        scheme, _, token = header.strip().partition(" ")
        if scheme not in TOKEN_SCHEMES:
            raise Refused(401, "the Authorization header must be 'Token <your token>'")
        try:
            claims = jwt.decode(token.strip(), self.secret_key, algorithms=[TOKEN_ALGORITHM],
                                options={"require": ["sub", "exp"]})
        except jwt.InvalidTokenError:
            raise Refused(401, "your token is not valid; log in again") from None
        if not str(claims["sub"]).isdigit():
            raise Refused(401, "your token is not valid; log in again")
        found = database.execute(VIEWER, (int(claims["sub"]),)).fetchone()
        if found is None:
            raise Refused(401, "the user of this token no longer exists")
        return found[0]

    def page(self, database, viewer, query, feed=False):
        limit = number(query, "limit", 20, 1, MAX_LIMIT)
        offset = number(query, "offset", 0, 0, MAX_OFFSET)
        where, values = (f"WHERE {IN_FEED}", (viewer,)) if feed else ("", ())
        (total,) = database.execute(f"{COUNT_ARTICLES} {where}", values).fetchone()
        rows = database.execute(f"{ARTICLES} {where} {NEWEST_FIRST}",
                                (*values, limit, offset)).fetchall()
        return {"articles": self.render(database, viewer, rows), "articlesCount": total}

    def article(self, database, viewer, slug):
        row = database.execute(ONE_ARTICLE, (slug,)).fetchone()
        if row is None:
            raise Refused(404, f"article {slug!r} not found")
        return {"article": self.render(database, viewer, [row], with_body=True)[0]}

    def render(self, database, viewer, rows, with_body=False):
        """The rows as the server shows them, in the same key order and the same queries."""
        if not rows:
            return []
        ids = [row[0] for row in rows]
        tags = {}
        for article_id, name in database.execute(TAGS_OF.format(marks=marks(ids)), ids):
            tags.setdefault(article_id, []).append(name)
        counts = dict(database.execute(FAVORITES_OF.format(marks=marks(ids)), ids))
        favorited, following = set(), set()
        if viewer is not None:
            favorited = {article_id for (article_id,) in database.execute(
                FAVORITED_BY.format(marks=marks(ids)), (viewer, *ids))}
            authors = list(dict.fromkeys(row[6] for row in rows))
            following = {author for (author,) in database.execute(
                FOLLOWED_BY.format(marks=marks(authors)), (viewer, *authors))}
        articles = []
        for (article_id, slug, title, description, created_at, updated_at,
             author_id, username, bio, image, *body) in rows:
            item = {"slug": slug, "title": title, "description": description}
            if with_body:
                item["body"] = body[0]
            item.update({"tagList": sorted(tags.get(article_id, [])),
                         "createdAt": iso_utc(created_at), "updatedAt": iso_utc(updated_at),
                         "favorited": article_id in favorited,
                         "favoritesCount": counts.get(article_id, 0),
                         "author": {"username": username, "bio": bio, "image": image,
                                    "following": author_id in following}})
            articles.append(item)
        return articles


def number(query, name, default, minimum, maximum):
    """The query parameter ``name`` as a whole number in range, or a 422 saying why not."""
    if name not in query:
        return default
    raw = query[name][-1]
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise Refused(422, f"{name} must be a whole number between {minimum} and {maximum}, "
                           f"got {raw[:40]!r}")
    return int(raw)


def create_twin(database_url=None, secret_key=None, connection=None, count_queries=False):
    """A ``RawTwin`` on ``database_url`` (``sqlite:///PATH``), each argument not given taken
    from the environment: ``DATABASE_URL``, ``SECRET_KEY``, ``TWIN_CONNECTION``."""
    url = database_url or os.environ["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        raise ValueError(f"the twin reads SQLite only: DATABASE_URL must be sqlite:///PATH, "
                         f"not {url!r}")
    return RawTwin(url.removeprefix("sqlite:///"), secret_key or os.environ["SECRET_KEY"],
                   connection or os.environ.get("TWIN_CONNECTION", "per-request"),
                   count_queries)
