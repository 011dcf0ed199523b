"""Comments on an article: adding, listing oldest first, and deleting your own."""

import pytest

from .conftest import TIMESTAMP, check_profile, error_messages


@pytest.fixture
def alice(users):
    return users.register("alice")


@pytest.fixture
def bob(users):
    return users.register("bob")


@pytest.fixture
def slug(articles, alice):
    """The slug of an article by alice."""
    return articles.create(alice, title="Dragons")["slug"]


def comment(client, slug, author, body):
    return client.post_json(f"/api/articles/{slug}/comments", {"comment": {"body": body}},
                            headers=author["headers"]).json["comment"]


def comments(client, slug, viewer=None):
    headers = viewer["headers"] if viewer else {}
    return client.get(f"/api/articles/{slug}/comments", headers=headers).json["comments"]


def test_add_answers_200_with_the_comment(client, slug, bob):
    response = client.post_json(f"/api/articles/{slug}/comments",
                                {"comment": {"body": "Thank you so much!"}},
                                headers=bob["headers"])
    assert response.status_code == 200, "a new comment answers 200, as the spec says"
    added = response.json["comment"]
    assert set(added) == {"id", "createdAt", "updatedAt", "body", "author"}, \
        "a comment is id, createdAt, updatedAt, body and author"
    assert type(added["id"]) is int, "a comment id is a number"
    assert added["body"] == "Thank you so much!", "the body is kept as sent"
    assert TIMESTAMP.match(added["createdAt"]) and TIMESTAMP.match(added["updatedAt"]), \
        "times are ISO 8601 in UTC with milliseconds"
    check_profile(added["author"])
    assert added["author"] == {"username": "bob", "bio": None, "image": None,
                               "following": False}, "the author is the commenter's profile"
    assert comments(client, slug) == [added], "the comment is listed as it was answered"


def test_list_is_oldest_first_with_following_for_the_viewer(client, users, slug, alice, bob):
    carol = users.register("carol")
    client.post("/api/profiles/bob/follow", headers=carol["headers"])
    for author, body in [(bob, "first"), (alice, "second"), (bob, "third")]:
        comment(client, slug, author, body)
    seen_by_carol = comments(client, slug, viewer=carol)
    for seen in seen_by_carol:
        check_profile(seen["author"])
    assert [c["body"] for c in seen_by_carol] == ["first", "second", "third"], \
        "comments are listed oldest first"
    assert [c["id"] for c in seen_by_carol] == sorted(c["id"] for c in seen_by_carol)
    assert [c["author"]["following"] for c in seen_by_carol] == [True, False, True], \
        "author.following is true where the viewer follows the commenter"
    assert [c["author"]["following"] for c in comments(client, slug)] == [False] * 3, \
        "an anonymous reader follows nobody"


def test_an_article_without_comments_lists_none(client, slug):
    assert client.get(f"/api/articles/{slug}/comments").json == {"comments": []}


def test_author_can_delete_their_comment(client, slug, alice, bob):
    kept = comment(client, slug, alice, "kept")
    doomed = comment(client, slug, bob, "doomed")
    response = client.delete(f"/api/articles/{slug}/comments/{doomed['id']}",
                             headers=bob["headers"], status=204)
    assert response.body == b"", "a delete answers 204 with no body"
    assert comments(client, slug) == [kept], "only the deleted comment is gone"
    error_messages(client.delete(f"/api/articles/{slug}/comments/{doomed['id']}",
                                 headers=bob["headers"], status=404))


def test_only_the_author_may_delete_a_comment(client, slug, alice, bob):
    # alice wrote the article, but the comment is bob's.
    added = comment(client, slug, bob, "mine")
    error_messages(client.delete(f"/api/articles/{slug}/comments/{added['id']}",
                                 headers=alice["headers"], status=403))
    assert comments(client, slug) == [added], "a refused delete leaves the comment"


def test_deleting_an_unknown_comment_is_404(client, articles, slug, alice, bob):
    elsewhere = articles.create(alice, title="Elsewhere")["slug"]
    other = comment(client, elsewhere, bob, "on another article")
    for comment_id in [other["id"] + 1000, other["id"]]:
        error_messages(client.delete(f"/api/articles/{slug}/comments/{comment_id}",
                                     headers=bob["headers"], status=404))
    assert comments(client, elsewhere) == [other], \
        "a comment is deleted only through its own article"


@pytest.mark.parametrize("comment_id", ["abc", "1.5", "-1", "0", "1e3", str(2**63),
                                        "9" * 40])
def test_a_comment_id_that_is_not_a_whole_number_in_range_is_422(client, slug, bob,
                                                                 comment_id):
    error_messages(client.delete(f"/api/articles/{slug}/comments/{comment_id}",
                                 headers=bob["headers"], status=422))


def test_comments_of_an_unknown_article_are_404(client, bob):
    url = "/api/articles/no-such-article/comments"
    error_messages(client.get(url, status=404))
    error_messages(client.post_json(url, {"comment": {"body": "hello"}},
                                    headers=bob["headers"], status=404))
    error_messages(client.delete(f"{url}/1", headers=bob["headers"], status=404))


def test_adding_and_deleting_need_a_token(client, slug, bob):
    added = comment(client, slug, bob, "hello")
    error_messages(client.post_json(f"/api/articles/{slug}/comments",
                                    {"comment": {"body": "hello"}}, status=401))
    error_messages(client.delete(f"/api/articles/{slug}/comments/{added['id']}", status=401))
    assert comments(client, slug) == [added], "nothing changes without a token"
