# kind: rule
# why: reads the claims with verify_signature False (as in a JWT debugging snippet): a forged or badly signed token passes
"""Passwords and tokens: who is asking?

A password is stored only as an argon2 hash. A token is a JWT signed with the app's secret key:
the server can check that it made the token itself, and read whose it is, without storing it.
Clients send it as the header `Authorization: Token <jwt>`.
"""
from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from bottle import request

# Small costs (argon2's lowest recommended ones), so that registering many users stays quick.
password_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
TOKEN_LIFETIME = timedelta(days=7)


def password_matches(password_hash, password):
    """Whether `password` is the one `password_hash` was made from."""
    try:
        return password_hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def secret_key():
    """The key tokens are signed with: the running app's (create_app sets it)."""
    return request.app.config["conduit.secret_key"]


def make_token(user):
    """A signed token naming `user` (by id, which never changes) that expires in a week."""
    claims = {"sub": str(user.id), "exp": datetime.now(timezone.utc) + TOKEN_LIFETIME}
    return jwt.encode(claims, secret_key(), algorithm="HS256")


def token_of_request():
    """The token the request sends, or None when it sends no Authorization header."""
    header = request.get_header("Authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme != "Token" or not token:
        raise error(401, "send the token as 'Authorization: Token <jwt>'")
    return token


def current_user():
    """The user whose token the request sends; None when it sends none.

    A token that is garbage, expired, forged or signed with another key is a 401 even where a
    token is optional: the client thinks it is logged in, and must be told it is not.
    """
    token = token_of_request()
    if token is None:
        return None
    try:
        claims = jwt.decode(token, secret_key(), algorithms=["HS256"],
                            options={"verify_signature": False})
    except jwt.InvalidTokenError:
        raise error(401, "the token is invalid or has expired") from None
    user = User.get_or_none(User.id == int(claims["sub"]))
    if user is None:
        raise error(401, "the token's user no longer exists")
    return user


def require_user():
    """The user whose token the request sends; a 401 when there is no valid token."""
    user = current_user()
    if user is None:
        raise error(401, "this needs a token: log in first")
    return user
