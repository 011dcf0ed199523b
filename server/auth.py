"""Who is calling: password hashing, login tokens, and the plugin that hands handlers the caller.

Passwords are hashed with argon2id, a memory-hard function, so a stolen table is slow to crack.
Tokens are JWTs signed with ``SECRET_KEY`` that name the user by id, so a token survives a change
of username or email, and stop working after ``TOKEN_TTL_SECONDS``.
"""

import inspect
from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from bottle import request

from .database import written_once
from .errors import api_error
from .models import User

TOKEN_ALGORITHM = "HS256"
TOKEN_SCHEMES = ("Token", "Bearer")


def password_hasher(config):
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"],
                          memory_cost=config["ARGON2_MEMORY_KIB"])


def hash_password(password):
    return password_hasher(request.app.config).hash(password)


def password_matches(password_hash, password):
    try:
        return password_hasher(request.app.config).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(user):
    """A signed token that names ``user`` and expires after the configured lifetime."""
    config = request.app.config
    now = datetime.now(timezone.utc)
    claims = {"sub": str(user.id), "iat": now,
              "exp": now + timedelta(seconds=config["TOKEN_TTL_SECONDS"])}
    return jwt.encode(claims, config["SECRET_KEY"], algorithm=TOKEN_ALGORITHM)


def unauthorized(message):
    return api_error(401, message, headers={"WWW-Authenticate": 'Token realm="conduit"'})


def token_from_header(header):
    """The token in an ``Authorization: Token <jwt>`` header; None when there is no header."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme not in TOKEN_SCHEMES or not token.strip():
        raise unauthorized("the Authorization header must be 'Token <your token>'")
    return token.strip()


@written_once
def user_with_id(user_id):
    """The user with this id, if any: asked on every request that sends a token, so its SQL
    is written once (see ``database.py``)."""
    return User.select().where(User.id == user_id)


def user_for_token(token, secret_key):
    """The user a valid token names; a 401 for an expired, forged or malformed token."""
    try:
        claims = jwt.decode(token, secret_key, algorithms=[TOKEN_ALGORITHM],
                            options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError:
        raise unauthorized("your token has expired; log in again") from None
    except jwt.InvalidTokenError:
        raise unauthorized("your token is not valid; log in again") from None
    user_id = claims["sub"]
    if not isinstance(user_id, str) or not user_id.isdigit():
        raise unauthorized("your token is not valid; log in again")
    user = next(iter(user_with_id(int(user_id))), None)
    if user is None:
        raise unauthorized("the user of this token no longer exists")
    user.token = token
    return user


class AuthPlugin:
    """Gives each handler that takes a ``viewer`` argument the user who is calling.

    A route declares what it needs with ``auth="required"`` (no token: 401) or
    ``auth="optional"`` (no token: ``viewer`` is None). A token that is sent must be valid either
    way. The user object also carries the token it came with, as ``viewer.token``.
    """

    name = "auth"
    api = 2

    def setup(self, app):
        for other in app.plugins:
            if getattr(other, "name", None) == self.name and other is not self:
                raise RuntimeError("Cause: two auth plugins installed. Fix: install one.")

    def apply(self, callback, route):
        mode = route.config.get("auth")
        if mode is None:
            return callback
        if mode not in ("required", "optional"):
            raise ValueError(f"route {route.rule}: auth must be 'required' or 'optional'")
        if "viewer" not in inspect.signature(route.callback).parameters:
            raise TypeError(f"route {route.rule} declares auth but does not take a viewer")

        def wrapper(*args, **kwargs):
            token = token_from_header(request.get_header("Authorization"))
            if token is None and mode == "required":
                raise unauthorized("you must log in: send 'Authorization: Token <your token>'")
            viewer = None if token is None else user_for_token(
                token, route.app.config["SECRET_KEY"])
            return callback(*args, viewer=viewer, **kwargs)

        return wrapper

    def close(self):
        """Nothing to release: the plugin holds no connections or files."""
