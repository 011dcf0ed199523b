"""Attacks through input: SQL in any field or filter stays text, and a token must be HS256.

Every query goes through Peewee with parameters, never by pasting text into SQL; these tests
send the classic injections on every backend and check that each is only ever data.
"""

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from .conftest import TEST_SETTINGS, error_messages

INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE user; --", '" OR ""="', "1; SELECT 1 --",
              "%' OR 1=1 --"]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_in_filters_and_urls_is_only_text(client, users, articles, injection):
    alice = users.register("alice")
    articles.create(alice, tagList=["python"])
    for name in ("tag", "author", "favorited"):
        listed = client.get("/api/articles", params={name: injection}).json
        assert listed == {"articles": [], "articlesCount": 0}, \
            f"?{name}={injection!r} must match nothing, got {listed}"
    client.get(f"/api/profiles/{injection}", status=404)
    client.get(f"/api/articles/{injection}", status=404)
    assert client.get("/api/articles").json["articlesCount"] == 1, "nothing was dropped"


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_in_a_body_is_stored_as_it_was_sent(client, users, articles, injection):
    alice = users.register("alice")
    article = articles.create(alice, title=injection, body=injection, tagList=[injection])
    shown = client.get(f"/api/articles/{article['slug']}").json["article"]
    tag = injection.lower()  # tags are kept in lower case
    assert (shown["title"], shown["body"], shown["tagList"]) == (injection, injection, [tag])
    assert client.get("/api/articles", params={"tag": tag}).json["articlesCount"] == 1


def token_for(user_id, algorithm="HS256", key=TEST_SETTINGS["SECRET_KEY"]):
    """A JWT made by hand (PyJWT would refuse to make the bad ones): HS256, HS512 or none."""
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    exp = int((datetime.now(timezone.utc) + timedelta(hours=1)).timestamp())
    signed = f"{part({'alg': algorithm, 'typ': 'JWT'})}.{part({'sub': str(user_id), 'exp': exp})}"
    if algorithm == "none":
        return signed + "."
    digest = {"HS256": hashlib.sha256, "HS512": hashlib.sha512}[algorithm]
    signature = hmac.new(key.encode(), signed.encode(), digest).digest()
    return f"{signed}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def test_only_hs256_tokens_signed_with_the_key_are_accepted(client, users):
    """``alg: none`` needs no key at all, and HS512 is not what the server signs with: a
    server that took the algorithm from the token would take either."""
    alice = users.register("alice")
    user_id = jwt.decode(alice["token"], options={"verify_signature": False})["sub"]
    client.get("/api/user", headers={"Authorization": f"Token {token_for(user_id)}"},
               status=200)
    for algorithm in ("none", "HS512"):
        token = token_for(user_id, algorithm)
        refused = client.get("/api/user", headers={"Authorization": f"Token {token}"},
                             status=401)
        assert error_messages(refused) == ["your token is not valid; log in again"], algorithm
