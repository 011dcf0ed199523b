"""Flawed twins: deliberately vulnerable copies of a few Conduit endpoints, for lesson 05 only.

DO NOT DEPLOY ANY OF THIS. Lesson 05 and its assignment attack these endpoints to show how the
attacks work, then plug in their fixes to show them failing. The reference server never uses
this module: ``create_app()`` does not import it, and ``tests/test_flawed_twins.py`` proves it.

    with flawed_twin() as api:
        requests.get(f"{api}/search", params={"q": "python"}).json()

A twin is a small Bottle app on the reference server's models and demo data, served like
``live_server()`` on a free loopback port with a fresh database. It has four endpoints, each
with one flaw that can be swapped for a fix:

- ``GET /api/search?q=TEXT``: articles whose title contains TEXT, found by ``search``; the
  flawed one pastes TEXT into its SQL (SQL injection), and database errors are shown to the
  client, which helps an attacker too. A table the API never shows, ``secret``, holds a key.
- ``POST /api/users/login``: logs in, as the reference server does, but with no limit on
  failed attempts unless a ``limiter`` is given (password guessing).
- ``GET /api/user``: the user a token names, read by ``claims``; the flawed one checks that
  the token has an expiry that has not passed, but never its signature (token forgery).
- ``GET /api/articles``: the reference server's own article list, unchanged, to compare with.
"""

import secrets as random_secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

import bottle
import jwt
import peewee

from .articles import list_articles, slugify
from .auth import (issue_token, password_hasher, password_matches, token_from_header,
                   unauthorized)
from .database import create_tables, db, open_database
from .errors import api_error, error_page, unprocessable
from .models import MODELS, Article, BaseModel, User
from .seed import seed as seed_database
from .testing import serve_app
from .users import user_json
from .validation import json_body, query_text, required_text

SECRET_NAME = "payments"
DEMO_SECRET = "sk-demo-4242"  # the example twin's secret; pass secret= for another


class Secret(BaseModel):
    """A key the API never shows: the prize of the SQL injection."""

    name = peewee.CharField(max_length=64, unique=True)
    value = peewee.CharField(max_length=255)


def flawed_search(text):
    """FLAWED: ``(slug, title)`` of the articles whose title contains ``text``, found by SQL
    with the text pasted in, so a quote in ``text`` ends the string and the rest is SQL."""
    sql = f"SELECT slug, title FROM article WHERE title LIKE '%{text}%' ORDER BY id"
    return db.execute_sql(sql).fetchall()


def flawed_claims(token, secret_key):
    """FLAWED: the claims of ``token``, read without checking its signature, so anyone can
    write a token that names any user. Only its expiry is checked: it must have an ``exp``
    that has not passed, as the twin's own tokens have."""
    return jwt.decode(token, options={"verify_signature": False, "verify_exp": True,
                                      "require": ["exp"]})


def showing_errors(crashes=None):
    """A plugin that is FLAWED on purpose: it answers any crash with 500 and the exception's
    text, which tells an attacker what the SQL looked like (the reference server logs it and
    says nothing). ``crashes``, a list, also receives each exception itself, with its
    traceback, so that a test can raise a fix's own error again and show where it happened."""

    def show_errors(callback):
        def wrapper(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except bottle.HTTPResponse:
                raise
            except Exception as error:
                if crashes is not None:
                    crashes.append(error)
                raise api_error(500, f"{type(error).__name__}: {error}") from None

        return wrapper

    return show_errors


def twin_app(database, secret_key, search, claims, limiter, crashes=None):
    """The twin's Bottle app on ``database``, with the given search, token check and limiter;
    ``crashes`` receives the exceptions it answers with 500."""
    app = bottle.Bottle()
    app.config.update({"SECRET_KEY": secret_key, "TOKEN_TTL_SECONDS": 3600,
                       "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024,
                       "MAX_BODY_BYTES": 1024 * 1024})
    app.default_error_handler = error_page
    app.install(showing_errors(crashes))

    @app.hook("before_request")
    def bind_database():
        bottle.request.environ["twin.outer_database"] = db.bind_thread(database)

    @app.hook("after_request")
    def release_database():
        if not database.is_closed():
            database.close()
        db.bind_thread(bottle.request.environ.get("twin.outer_database"))

    @app.get("/api/search")
    def search_articles():
        text = query_text("q") or ""
        return {"articles": [{"slug": slug, "title": title} for slug, title in search(text)]}

    @app.post("/api/users/login")
    def login():
        data = json_body("user")
        email = required_text(data, "email", 254).strip().lower()
        password = required_text(data, "password", 1024)
        # REMOTE_ADDR is the connection's own address; bottle's request.remote_addr would
        # believe an X-Forwarded-For header, which any client can write.
        address = bottle.request.environ.get("REMOTE_ADDR")
        wait = limiter.retry_after(address, email) if limiter is not None else 0
        if wait:
            raise api_error(429, "too many failed logins; try again later",
                            headers={"Retry-After": str(wait)})
        user = User.get_or_none(User.email == email)
        if user is None or not password_matches(user.password_hash, password):
            if limiter is not None:
                limiter.failed(address, email)
            raise unprocessable("email or password is invalid")
        return user_json(user, issue_token(user))

    @app.get("/api/user")
    def current_user():
        token = token_from_header(bottle.request.get_header("Authorization"))
        if token is None:
            raise unauthorized("you must log in: send 'Authorization: Token <your token>'")
        try:
            user_id = claims(token, secret_key).get("sub")
        except jwt.PyJWTError as error:
            raise unauthorized(f"your token is not valid: {error}") from None
        user = (User.get_or_none(User.id == int(user_id))
                if isinstance(user_id, str) and user_id.isdigit() else None)
        if user is None:
            raise unauthorized("this token names no user")
        return user_json(user, token)

    app.get("/api/articles", callback=lambda: list_articles(viewer=None))
    return app


def recording(database, queries):
    """Make ``database`` append ``(sql, params)`` to ``queries`` for every statement it runs."""
    execute_sql = database.execute_sql

    def execute_and_record(sql, params=None):
        queries.append((sql, tuple(params or ())))
        return execute_sql(sql, params)

    database.execute_sql = execute_and_record


def fill(database, config, secret, decoys, users, articles, titles, people):
    """The demo data, the secret (after ``decoys``, other secrets), and extra articles and
    users: ``titles`` written by the first user (each a title, or a ``(title, created_at)``
    pair for an article dated otherwise than now), ``people`` with passwords nobody knows."""
    seed_database(database, config, users=users, articles=articles)
    with db.bound_to(database), database.connection_context():
        for name, value in [*decoys, (SECRET_NAME, secret)]:
            Secret.create(name=name, value=value)
        author = User.select().order_by(User.id).first()
        for title in titles:
            title, created_at = title if isinstance(title, tuple) else (title, None)
            slug = f"{slugify(title)}-{random_secrets.token_hex(3)}"
            dates = {"created_at": created_at, "updated_at": created_at} if created_at else {}
            Article.create(slug=slug, title=title, description="d", body="b", author=author,
                           **dates)
        for name in people:
            password_hash = password_hasher(config).hash(random_secrets.token_urlsafe(16))
            User.create(username=name, email=f"{name}@example.com", password_hash=password_hash)


@contextmanager
def flawed_twin(search=flawed_search, claims=flawed_claims, limiter=None, secret=DEMO_SECRET,
                decoys=(), users=10, articles=30, titles=(), people=(), queries=None,
                secret_key=None, crashes=None):
    """Serve a twin over HTTP on a fresh demo database; yields its base URL, like
    ``live_server()``: ``http://127.0.0.1:PORT/api``.

    ``search``, ``claims`` and ``limiter`` replace the flawed parts with fixes (a limiter has
    ``retry_after(address, email)`` and ``failed(address, email)``). ``secret`` is the value
    of the secret named ``payments``; ``decoys`` are other ``(name, value)`` secrets stored
    before it. ``users``/``articles`` size the demo data; ``titles`` and ``people`` add
    articles and users (a title may be a ``(title, created_at)`` pair: ids in the order given,
    dates as given). ``queries``, a list, receives every SQL statement the twin runs.
    ``secret_key`` signs the twin's tokens (default: a new random key). ``crashes``, a list,
    receives every exception that made the twin answer 500, a fix's crash among them.
    """
    with tempfile.TemporaryDirectory(prefix="conduit-twin-") as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'twin.sqlite3'}")
        # A query without ORDER BY gets its rows in reverse: an order that only holds by
        # accident (the order SQLite stores them in) does not hold in a twin.
        database.pragma("reverse_unordered_selects", True, permanent=True)
        database.close()
        create_tables(database, [*MODELS, Secret])
        secret_key = secret_key or random_secrets.token_urlsafe(32)
        app = twin_app(database, secret_key, search, claims, limiter, crashes)
        fill(database, app.config, secret, decoys, users, articles, titles, people)
        if queries is not None:
            recording(database, queries)
        try:
            with serve_app(app, numthreads=8, name="conduit-flawed-twin") as origin:
                yield f"{origin}/api"
        finally:
            database.close()
