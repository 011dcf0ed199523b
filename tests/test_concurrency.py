"""Many clients writing at once over real HTTP: nothing is refused and nothing is lost.

On SQLite this is what ``BEGIN IMMEDIATE`` and the busy timeout are for: with deferred
transactions a sizeable share of these writes fails with "database is locked".
"""

import threading
import time

import requests

from server.testing import live_server

from .conftest import PASSWORD, TEST_SETTINGS

CLIENTS = 16
SECONDS = 3


def write_for_a_while(api, number, results):
    """Register, then create articles and comment on them until time is up; a request that
    gets no answer at all is kept in ``errors``, to be shown by the test."""
    outcome = results[number] = {"statuses": [], "slugs": [], "comments": [], "errors": []}
    try:
        write_until_deadline(api, number, outcome)
    except requests.RequestException as error:
        outcome["errors"].append(f"writer{number}: {error!r}")


def write_until_deadline(api, number, outcome):
    session = requests.Session()
    name = f"writer{number}"
    user = session.post(f"{api}/users", timeout=30, json={"user": {
        "username": name, "email": f"{name}@example.com", "password": PASSWORD}})
    outcome["statuses"].append(user.status_code)
    headers = {"Authorization": f"Token {user.json()['user']['token']}"}
    deadline = time.monotonic() + SECONDS
    n = 0
    while time.monotonic() < deadline:
        n += 1
        article = session.post(f"{api}/articles", headers=headers, timeout=30, json={
            "article": {"title": f"Shared title {n}", "description": "d", "body": "b",
                        "tagList": ["load", f"writer{number}"]}})
        outcome["statuses"].append(article.status_code)
        if article.status_code != 201:
            continue
        slug = article.json()["article"]["slug"]
        outcome["slugs"].append(slug)
        comment = session.post(f"{api}/articles/{slug}/comments", headers=headers, timeout=30,
                               json={"comment": {"body": f"comment by {name}"}})
        outcome["statuses"].append(comment.status_code)
        if comment.status_code == 200:
            outcome["comments"].append((slug, comment.json()["comment"]["id"]))
        favorite = session.post(f"{api}/articles/{slug}/favorite", headers=headers, timeout=30)
        outcome["statuses"].append(favorite.status_code)


def test_sixteen_writers_at_once_lose_nothing(database_url):
    with live_server(DATABASE_URL=database_url, **TEST_SETTINGS) as api:
        results = {}
        threads = [threading.Thread(target=write_for_a_while, args=(api, n, results))
                   for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)

        assert len(results) == CLIENTS, "every writer must have run"
        errors = [error for outcome in results.values() for error in outcome["errors"]]
        assert not errors, f"{len(errors)} writers got no answer: {errors}"
        statuses = [status for outcome in results.values() for status in outcome["statuses"]]
        refused = [status for status in statuses if not 200 <= status < 300]
        assert not refused, f"{len(refused)} of {len(statuses)} writes were refused: {refused[:10]}"

        slugs = [slug for outcome in results.values() for slug in outcome["slugs"]]
        assert len(slugs) == len(set(slugs)), "every article must get a slug of its own"
        assert len(slugs) >= CLIENTS, "each writer must have created at least one article"
        listed = requests.get(f"{api}/articles", params={"tag": "load", "limit": 1},
                              timeout=30).json()
        assert listed["articlesCount"] == len(slugs), "every acknowledged article must be stored"
        for outcome in results.values():
            for slug, comment_id in outcome["comments"]:
                comments = requests.get(f"{api}/articles/{slug}/comments", timeout=30).json()
                assert [c["id"] for c in comments["comments"]] == [comment_id], \
                    f"the acknowledged comment {comment_id} on {slug} must be stored"
            for slug in outcome["slugs"]:
                article = requests.get(f"{api}/articles/{slug}", timeout=30).json()["article"]
                assert article["favoritesCount"] == 1, f"the favorite of {slug} must be stored"
