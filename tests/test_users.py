"""Accounts: registering, logging in, reading and changing the current user, and login tokens."""

from datetime import datetime, timedelta, timezone

import jwt
import pytest

from server.models import User

from .conftest import PASSWORD, TEST_SETTINGS, error_messages

USER_FIELDS = {"email", "token", "username", "bio", "image"}


def register(client, status=201, **fields):
    body = {"username": "alice", "email": "alice@example.com", "password": PASSWORD, **fields}
    return client.post_json("/api/users", {"user": body}, status=status)


def login(client, email, password, status=200):
    return client.post_json("/api/users/login",
                            {"user": {"email": email, "password": password}}, status=status)


def update(client, user, status=200, **fields):
    return client.put_json("/api/user", {"user": fields}, headers=user["headers"],
                           status=status)


def signed_token(claims, key=TEST_SETTINGS["SECRET_KEY"]):
    return {"Authorization": "Token " + jwt.encode(claims, key, algorithm="HS256")}


def user_id_of(user):
    """The user id that the server put in ``user``'s token."""
    return jwt.decode(user["token"], options={"verify_signature": False})["sub"]


def claims_for(user_id, lifetime=timedelta(hours=1)):
    now = datetime.now(timezone.utc)
    return {"sub": str(user_id), "iat": now, "exp": now + lifetime}


# Registering

def test_register_answers_201_with_the_new_user(client):
    user = register(client).json["user"]
    assert set(user) == USER_FIELDS, "a user is email, token, username, bio and image"
    assert user["username"] == "alice", "the username is kept as sent"
    assert user["email"] == "alice@example.com", "the email is kept"
    assert user["bio"] is None and user["image"] is None, "bio and image are null until set"
    assert type(user["token"]) is str and user["token"], "a new user gets a token"
    me = client.get("/api/user", headers={"Authorization": f"Token {user['token']}"})
    assert me.json["user"]["username"] == "alice", "the new user's token logs them in"


def test_register_keeps_the_email_in_lower_case(client):
    user = register(client, email="Alice@Example.COM").json["user"]
    assert user["email"] == "alice@example.com", "emails are kept in lower case"
    assert login(client, "ALICE@example.com", PASSWORD).json["user"]["username"] == "alice", \
        "logging in with the email in another case finds the user"


@pytest.mark.parametrize("username", ["alice", "ALICE", "Alice"])
def test_register_refuses_a_username_taken_in_any_case(client, users, username):
    users.register("alice")
    response = register(client, username=username, email="other@example.com", status=422)
    assert any("username" in m for m in error_messages(response)), \
        "a username taken by another user, ignoring case, is refused"


@pytest.mark.parametrize("email", ["taken@example.com", "TAKEN@example.com"])
def test_register_refuses_a_taken_email(client, users, email):
    users.register("alice", email="taken@example.com")
    response = register(client, username="bob", email=email, status=422)
    assert any("email" in m for m in error_messages(response)), "an email in use is refused"


def test_the_password_never_appears_in_an_answer(client):
    answers = [register(client)]
    user = answers[0].json["user"]
    headers = {"Authorization": f"Token {user['token']}"}
    answers.append(login(client, "alice@example.com", PASSWORD))
    answers.append(client.get("/api/user", headers=headers))
    answers.append(client.put_json("/api/user", {"user": {"bio": "hi"}}, headers=headers))
    for answer in answers:
        assert PASSWORD not in answer.text, f"{answer.request.path} must not echo the password"
        assert "password" not in answer.text.lower(), \
            f"{answer.request.path} must not show a password or its hash"
        assert "$argon2" not in answer.text, f"{answer.request.path} must not show the hash"


def test_the_password_is_stored_as_an_argon2id_hash(users, in_database):
    users.register("alice")
    with in_database():
        password_hash = User.get(User.username == "alice").password_hash
    assert password_hash.startswith("$argon2id$"), "passwords are hashed with argon2id"
    assert PASSWORD not in password_hash, "the password itself is never stored"


# Logging in

def test_login_answers_200_with_a_working_token(client, users):
    update(client, users.register("alice"), bio="hello")
    response = login(client, "alice@example.com", PASSWORD)
    user = response.json["user"]
    assert set(user) == USER_FIELDS, "login answers with the user"
    assert (user["username"], user["email"], user["bio"]) == ("alice", "alice@example.com",
                                                              "hello"), "login finds the user"
    me = client.get("/api/user", headers={"Authorization": f"Token {user['token']}"})
    assert me.json["user"]["username"] == "alice", "the login token identifies the user"


@pytest.mark.parametrize("email, password", [
    ("alice@example.com", "wrong password"),
    ("nobody@example.com", PASSWORD),
], ids=["wrong password", "unknown email"])
def test_login_refuses_wrong_credentials(client, users, email, password):
    users.register("alice")
    response = login(client, email, password, status=422)
    assert error_messages(response) == ["email or password is invalid"], \
        "a failed login does not tell which of email or password was wrong"


# The current user

def test_current_user_answers_with_the_token_that_was_sent(client, users):
    alice = users.register("alice")
    user = client.get("/api/user", headers=alice["headers"]).json["user"]
    assert set(user) == USER_FIELDS, "GET /api/user answers with the user"
    assert user["token"] == alice["token"], "GET /api/user echoes the token that was sent"
    assert user["username"] == "alice", "GET /api/user finds the caller"


@pytest.mark.parametrize("field, value", [
    ("username", "alice2"),
    ("email", "new@example.com"),
    ("bio", "I like to skateboard"),
    ("image", "https://example.com/alice.jpg"),
])
def test_update_changes_one_field(client, users, field, value):
    alice = users.register("alice")
    user = update(client, alice, **{field: value}).json["user"]
    assert user[field] == value, f"PUT /api/user changes {field}"
    assert user["token"] == alice["token"], "PUT /api/user echoes the token that was sent"
    again = client.get("/api/user", headers=alice["headers"]).json["user"]
    assert again[field] == value, f"a changed {field} is kept"
    others = {"username": "alice", "email": "alice@example.com", "bio": None, "image": None}
    del others[field]
    assert {name: again[name] for name in others} == others, "the other fields are unchanged"


def test_bio_and_image_can_be_set_back_to_null(client, users):
    alice = users.register("alice")
    update(client, alice, bio="hello", image="https://example.com/a.png")
    user = update(client, alice, bio=None, image=None).json["user"]
    assert user["bio"] is None and user["image"] is None, "bio and image may be set to null"
    again = client.get("/api/user", headers=alice["headers"]).json["user"]
    assert again["bio"] is None and again["image"] is None, "null bio and image are kept"


def test_update_may_change_the_case_of_your_own_username(client, users):
    alice = users.register("alice")
    assert update(client, alice, username="Alice").json["user"]["username"] == "Alice", \
        "your own username is not 'taken' by you"


@pytest.mark.parametrize("username", ["bob", "BOB", "Bob"])
def test_update_refuses_a_username_taken_in_any_case(client, users, username):
    alice = users.register("alice")
    users.register("bob")
    response = update(client, alice, username=username, status=422)
    assert any("username" in m for m in error_messages(response)), \
        "another user's username, ignoring case, is refused"
    assert client.get("/api/user", headers=alice["headers"]).json["user"]["username"] \
        == "alice", "a refused update changes nothing"


def test_update_refuses_a_taken_email(client, users):
    alice = users.register("alice")
    users.register("bob")
    response = update(client, alice, email="BOB@example.com", status=422)
    assert any("email" in m for m in error_messages(response)), "an email in use is refused"


def test_update_refuses_an_empty_change(client, users):
    alice = users.register("alice")
    error_messages(update(client, alice, status=422))


def test_token_stays_valid_after_username_and_email_change(client, users):
    alice = users.register("alice")
    update(client, alice, username="alicia", email="alicia@example.com")
    user = client.get("/api/user", headers=alice["headers"]).json["user"]
    assert (user["username"], user["email"]) == ("alicia", "alicia@example.com"), \
        "the token names the user by id, so it survives a change of username and email"


def test_password_change_is_effective_at_login(client, users):
    alice = users.register("alice")
    update(client, alice, password="a brand new password")
    error_messages(login(client, "alice@example.com", PASSWORD, status=422))
    assert login(client, "alice@example.com", "a brand new password").json["user"]["username"] \
        == "alice", "the new password logs in"


# Tokens

def test_bearer_scheme_is_accepted(client, users):
    alice = users.register("alice")
    headers = {"Authorization": f"Bearer {alice['token']}"}
    assert client.get("/api/user", headers=headers).json["user"]["username"] == "alice", \
        "'Authorization: Bearer <token>' is accepted as well as 'Token <token>'"


def test_token_for_an_existing_user_made_with_the_secret_key_is_accepted(client, users):
    # The control for the refusals below: a token built this way is good when nothing is wrong.
    alice = users.register("alice")
    headers = signed_token(claims_for(user_id_of(alice)))
    assert client.get("/api/user", headers=headers).json["user"]["username"] == "alice", \
        "a token naming the user by id, signed with SECRET_KEY, is accepted"


# Authorization headers that must each be refused with 401, made for a registered user.
BAD_AUTHORIZATION = {
    "expired": lambda user: signed_token(
        claims_for(user_id_of(user), lifetime=timedelta(seconds=-10))),
    "forged signature": lambda user: signed_token(
        claims_for(user_id_of(user)), key="not-the-key-" + "x" * 40),
    "unknown user id": lambda user: signed_token(claims_for(int(user_id_of(user)) + 1000)),
    "not a JWT": lambda user: {"Authorization": "Token not-a-token"},
    "wrong scheme": lambda user: {"Authorization": f"Basic {user['token']}"},
    "no scheme": lambda user: {"Authorization": user["token"]},
    "scheme without token": lambda user: {"Authorization": "Token "},
}


@pytest.mark.parametrize("problem", BAD_AUTHORIZATION)
def test_bad_token_is_refused_with_401(client, users, problem):
    headers = BAD_AUTHORIZATION[problem](users.register("alice"))
    error_messages(client.get("/api/user", headers=headers, status=401))
    error_messages(client.put_json("/api/user", {"user": {"bio": "x"}}, headers=headers,
                                   status=401))


@pytest.mark.parametrize("problem", BAD_AUTHORIZATION)
def test_bad_token_is_refused_where_a_token_is_optional(client, users, problem):
    headers = BAD_AUTHORIZATION[problem](users.register("alice"))
    for url in ["/api/profiles/alice", "/api/articles"]:
        error_messages(client.get(url, headers=headers, status=401))


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_current_user_needs_a_token(client, method):
    response = client.request("/api/user", method=method, body=b'{"user": {"bio": "x"}}',
                              headers={"Content-Type": "application/json"}, status=401)
    error_messages(response)
