"""Checks that a response has the status code and the body shape the spec gives.

Types are checked strictly (``type(x) is bool``, not just "truthy"), because a client written in
another language will break on ``"true"`` or ``1`` where the spec promises ``true``.
"""

import re
from datetime import datetime

from .client import CheckFailed, Exchange

# RFC 3339, which OpenAPI's ``format: date-time`` means: a date, a time and a time zone.
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")

PROFILE_KEYS = {"username", "bio", "image", "following"}
USER_KEYS = {"email", "token", "username", "bio", "image"}
LIST_ITEM_KEYS = {"slug", "title", "description", "tagList", "createdAt", "updatedAt",
                  "favorited", "favoritesCount", "author"}
ARTICLE_KEYS = LIST_ITEM_KEYS | {"body"}
COMMENT_KEYS = {"id", "createdAt", "updatedAt", "body", "author"}


def failed(r, message):
    """A ``CheckFailed`` about the response ``r``, so the report shows its request."""
    return CheckFailed(message, Exchange(r.request, r))


def expect(r, status, what):
    """Require that ``r`` answered ``status``; answers its JSON body (``None`` for a 204).

    ``what`` names the request in the message, e.g. ``"POST /users"``.
    """
    if r.status_code != status:
        raise failed(r, f"{what} must answer {status}, got {r.status_code}: {r.text[:1000]}")
    if status == 204:
        if r.content != b"":
            raise failed(r, f"{what} answers 204 No Content, so its body must be empty")
        return None
    content_type = r.headers.get("Content-Type", "")
    if not content_type.startswith("application/json"):
        raise failed(r, f"{what} must answer application/json, got Content-Type "
                        f"{content_type!r}")
    try:
        return r.json()
    except ValueError:
        raise failed(r, f"{what} must answer JSON, got {r.text[:1000]!r}") from None


def expect_4xx(r, what):
    """Require a client error (400 to 499) where the spec does not say which one."""
    if not 400 <= r.status_code < 500:
        raise failed(r, f"{what} must be refused with a 4xx status, got {r.status_code}: "
                        f"{r.text[:1000]}")


def check_errors(r, what):
    """A 422 whose body is ``{"errors": {"body": ["<message>", ...]}}``: the spec's
    GenericErrorModel requires ``body``; other fields, each a list of messages, may come too."""
    data = expect(r, 422, what)
    assert type(data) is dict and type(data.get("errors")) is dict, \
        f"{what}: a 422 body must be {{\"errors\": {{\"body\": [...]}}}}, got {data!r}"
    messages = data["errors"].get("body")
    assert type(messages) is list and messages, \
        f"{what}: errors.body must be a non-empty list of messages, got {messages!r}"
    assert all(type(message) is str for message in messages), \
        f"{what}: every item of errors.body must be a string, got {messages!r}"
    for field, value in data["errors"].items():
        assert type(value) is list and all(type(message) is str for message in value), \
            f"{what}: errors.{field} must be a list of messages, as in " \
            f"{{\"errors\": {{field: [\"<message>\", ...]}}}}, got {value!r}"


def check_keys(data, keys, what):
    assert type(data) is dict, f"{what} must be a JSON object, got {data!r}"
    missing = keys - data.keys()
    assert not missing, f"{what} lacks the required keys {sorted(missing)}: {data!r}"


def check_date_time(value, what):
    assert type(value) is str and DATE_TIME.fullmatch(value), \
        f"{what} must be an ISO 8601 / RFC 3339 date-time with a time zone, got {value!r}"
    return datetime.fromisoformat(value.upper().replace(" ", "T"))  # fails if not a real date


def check_optional_text(value, what):
    """``bio`` and ``image``: the spec says string, and servers commonly send null when unset."""
    assert value is None or type(value) is str, f"{what} must be a string or null, got {value!r}"


def check_profile(profile, what="profile"):
    check_keys(profile, PROFILE_KEYS, what)
    assert type(profile["username"]) is str, f"{what}.username must be a string"
    check_optional_text(profile["bio"], f"{what}.bio")
    check_optional_text(profile["image"], f"{what}.image")
    assert type(profile["following"]) is bool, \
        f"{what}.following must be a boolean, got {profile['following']!r}"


def check_user(user, what="user"):
    check_keys(user, USER_KEYS, what)
    for key in ("email", "token", "username"):
        assert type(user[key]) is str and user[key], f"{what}.{key} must be a non-empty string"
    assert user["token"].count(".") == 2, \
        f"{what}.token must be a JWT (three parts joined by dots), got {user['token']!r}"
    check_optional_text(user["bio"], f"{what}.bio")
    check_optional_text(user["image"], f"{what}.image")


def check_article(article, what="article", in_list=False):
    """An Article; items of a list (``in_list``) may leave out ``body``, as the spec allows."""
    check_keys(article, LIST_ITEM_KEYS if in_list else ARTICLE_KEYS, what)
    for key in ("slug", "title", "description") + (() if in_list else ("body",)):
        assert type(article[key]) is str, f"{what}.{key} must be a string"
    if "body" in article:
        assert type(article["body"]) is str, f"{what}.body must be a string"
    assert article["slug"], f"{what}.slug must not be empty"
    tags = article["tagList"]
    assert type(tags) is list and all(type(tag) is str for tag in tags), \
        f"{what}.tagList must be a list of strings, got {tags!r}"
    created = check_date_time(article["createdAt"], f"{what}.createdAt")
    updated = check_date_time(article["updatedAt"], f"{what}.updatedAt")
    assert updated >= created, f"{what}.updatedAt must not be before createdAt"
    assert type(article["favorited"]) is bool, \
        f"{what}.favorited must be a boolean, got {article['favorited']!r}"
    count = article["favoritesCount"]
    assert type(count) is int and count >= 0, \
        f"{what}.favoritesCount must be a whole number, got {count!r}"
    check_profile(article["author"], f"{what}.author")


def check_article_list(data, what):
    """A MultipleArticlesResponse: ``{"articles": [...], "articlesCount": n}``."""
    check_keys(data, {"articles", "articlesCount"}, what)
    assert type(data["articles"]) is list, f"{what}: articles must be a list"
    for i, article in enumerate(data["articles"]):
        check_article(article, f"{what}: articles[{i}]", in_list=True)
    count = data["articlesCount"]
    assert type(count) is int, f"{what}: articlesCount must be an integer, got {count!r}"
    assert count >= len(data["articles"]), \
        f"{what}: articlesCount ({count}) counts all matches, so not fewer than one page"
    return data


def check_comment(comment, what="comment"):
    check_keys(comment, COMMENT_KEYS, what)
    assert type(comment["id"]) is int, f"{what}.id must be an integer, got {comment['id']!r}"
    assert type(comment["body"]) is str, f"{what}.body must be a string"
    check_date_time(comment["createdAt"], f"{what}.createdAt")
    check_date_time(comment["updatedAt"], f"{what}.updatedAt")
    check_profile(comment["author"], f"{what}.author")
