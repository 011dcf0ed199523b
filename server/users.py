"""Accounts: registering, logging in, and reading or changing the current user.

Logging in and registering are rate limited (``server/ratelimit.py``), and a new password must
keep the password policy (``server/passwords.py``).
"""

import re

import peewee
from bottle import request, response

from .auth import hash_password, issue_token, password_matches
from .database import db
from .errors import unprocessable
from .models import User
from .passwords import MAX_LENGTH, check_new_password
from .ratelimit import check_login, check_registration, count_failed_login
from .validation import json_body, nullable_text, required_text

USERNAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def user_json(user, token):
    return {"user": {"email": user.email, "token": token, "username": user.username,
                     "bio": user.bio, "image": user.image}}


def valid_username(data):
    username = required_text(data, "username", 64).strip()
    if not USERNAME.fullmatch(username):
        raise unprocessable("username may hold only letters, digits, '_', '-' and '.'")
    return username


def valid_email(data):
    email = required_text(data, "email", 254).strip().lower()
    local, at, domain = email.partition("@")
    if not (local and at and domain) or any(c.isspace() for c in email):
        raise unprocessable(f"email {email!r} is not an email address")
    return email


def valid_password(data):
    password = required_text(data, "password", MAX_LENGTH)
    check_new_password(password, request.app.config)
    return password


def ensure_unique(username=None, email=None, excluding=None):
    """A 422 when another user has this username (ignoring case) or email."""
    others = User.select().where(User.id != (excluding.id if excluding else 0))
    if username and others.where(peewee.fn.LOWER(User.username) == username.lower()).exists():
        raise unprocessable(f"username {username!r} has already been taken")
    if email and others.where(User.email == email).exists():
        raise unprocessable(f"email {email!r} has already been taken")


def register_user():
    check_registration()
    data = json_body("user")
    username, email = valid_username(data), valid_email(data)
    password_hash = hash_password(valid_password(data))
    with db.atomic():
        ensure_unique(username, email)
        try:
            user = User.create(username=username, email=email, password_hash=password_hash)
        except peewee.IntegrityError:
            raise unprocessable("username or email has already been taken") from None
    response.status = 201
    return user_json(user, issue_token(user))


def login():
    data = json_body("user")
    email = required_text(data, "email", 254).strip().lower()
    password = required_text(data, "password", MAX_LENGTH)
    check_login(email)
    user = User.get_or_none(User.email == email)
    if user is None:
        hash_password(password)  # as slow as a real check, so timing does not reveal who exists
    if user is None or not password_matches(user.password_hash, password):
        count_failed_login(email)
        raise unprocessable("email or password is invalid")
    return user_json(user, issue_token(user))


def current_user(viewer):
    return user_json(viewer, viewer.token)


def update_user(viewer):
    data = json_body("user")
    changes = {}
    if "username" in data:
        changes["username"] = valid_username(data)
    if "email" in data:
        changes["email"] = valid_email(data)
    if "password" in data:
        changes["password_hash"] = hash_password(valid_password(data))
    for field in ("bio", "image"):
        if field in data:
            changes[field] = nullable_text(data, field, 10_000)
    if not changes:
        raise unprocessable("send at least one of username, email, password, bio, image")
    with db.atomic():
        ensure_unique(changes.get("username"), changes.get("email"), excluding=viewer)
        try:
            User.update(changes).where(User.id == viewer.id).execute()
        except peewee.IntegrityError:
            raise unprocessable("username or email has already been taken") from None
    user = User.get_by_id(viewer.id)
    return user_json(user, viewer.token)


def register(app):
    app.post("/api/users", callback=register_user)
    app.post("/api/users/login", callback=login)
    app.get("/api/user", callback=current_user, auth="required", cache="no-store")
    app.put("/api/user", callback=update_user, auth="required")
