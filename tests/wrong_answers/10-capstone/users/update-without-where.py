# kind: coincidence
# why: saves the changes with User.update(...).execute() and no where(): every user is changed, which looks right on a database of one user
"""Accounts: registering, logging in, and reading or changing the current user."""
from bottle import response
from peewee import IntegrityError, fn


def add_user_routes(app):
    """POST /api/users, POST /api/users/login, GET /api/user and PUT /api/user."""
    @app.post("/api/users")
    def register():
        fields = read_fields("user", "username", "email", "password")
        username, email = fields["username"].strip(), fields["email"].strip().lower()
        ensure_not_taken(username, email)
        try:
            user = User.create(username=username, email=email,
                               password_hash=password_hasher.hash(fields["password"]))
        except IntegrityError:  # someone else took it in the meantime
            raise error(422, "username or email has already been taken") from None
        response.status = 201
        return user_json(user)

    @app.post("/api/users/login")
    def login():
        fields = read_fields("user", "email", "password")
        user = User.get_or_none(User.email == fields["email"].strip().lower())
        # The same answer for an unknown email and a wrong password: it reveals no accounts.
        if user is None or not password_matches(user.password_hash, fields["password"]):
            raise error(422, "email or password is invalid")
        return user_json(user)

    @app.get("/api/user")
    def get_current_user():
        return user_json(require_user())

    @app.put("/api/user")
    def update_current_user():
        user = require_user()
        fields = read_fields("user")
        if not fields.keys() & {"username", "email", "password", "bio", "image"}:
            raise error(422, "send at least one of username, email, password, bio, image")
        changes = {}
        if "username" in fields:
            changes["username"] = required_text(fields, "username").strip()
        if "email" in fields:
            changes["email"] = required_text(fields, "email").strip().lower()
        if "password" in fields:
            changes["password_hash"] = password_hasher.hash(required_text(fields, "password"))
        for name in ("bio", "image"):
            if name in fields:
                changes[name] = optional_text(fields, name)
        ensure_not_taken(changes.get("username", user.username),
                         changes.get("email", user.email), owner=user)
        User.update(**changes).execute()
        return user_json(User.get_by_id(user.id))


def user_json(user):
    """The user as the API shows them to themselves, with a fresh token."""
    return {"user": {"email": user.email, "token": make_token(user), "username": user.username,
                     "bio": user.bio, "image": user.image}}


def ensure_not_taken(username, email, owner=None):
    """A 422 when a user other than `owner` has this username (in any case) or this email."""
    others = User.select().where(User.id != (owner.id if owner else 0))
    if others.where(fn.LOWER(User.username) == username.lower()).exists():
        raise error(422, f"username {username!r} has already been taken")
    if others.where(User.email == email).exists():
        raise error(422, f"email {email!r} has already been taken")
