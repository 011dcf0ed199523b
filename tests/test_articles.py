"""Articles: writing, reading, listing and filtering, the feed, editing, deleting, favorites."""

import time

import pytest

from server.models import Article, ArticleTag, Comment, Favorite

from .conftest import TIMESTAMP, check_profile, error_messages

ARTICLE_FIELDS = {"slug", "title", "description", "body", "tagList", "createdAt", "updatedAt",
                  "favorited", "favoritesCount", "author"}
LIST_ITEM_FIELDS = ARTICLE_FIELDS - {"body"}


def check_article(article, in_a_list=False):
    """Check that ``article`` has the spec's fields, each of its exact type."""
    assert set(article) == (LIST_ITEM_FIELDS if in_a_list else ARTICLE_FIELDS), \
        "an article has the spec's fields; in a list, all but body"
    assert all(type(article[field]) is str for field in article
               if field in ("slug", "title", "description", "body")), "text fields are strings"
    assert type(article["tagList"]) is list and all(type(tag) is str
                                                    for tag in article["tagList"])
    assert TIMESTAMP.match(article["createdAt"]) and TIMESTAMP.match(article["updatedAt"]), \
        "times are ISO 8601 in UTC with milliseconds"
    assert type(article["favorited"]) is bool, "favorited is true or false, not 0 or 1"
    assert type(article["favoritesCount"]) is int, "favoritesCount is a whole number"
    check_profile(article["author"])


def read(client, slug, viewer=None, status=200):
    headers = viewer["headers"] if viewer else {}
    return client.get(f"/api/articles/{slug}", headers=headers, status=status)


def listing(client, query="", viewer=None, url="/api/articles"):
    headers = viewer["headers"] if viewer else {}
    return client.get(f"{url}?{query}", headers=headers).json


def titles(page):
    return [article["title"] for article in page["articles"]]


def edit(client, slug, viewer, status=200, **fields):
    return client.put_json(f"/api/articles/{slug}", {"article": fields},
                           headers=viewer["headers"], status=status)


def favorite(client, slug, viewer):
    return client.post(f"/api/articles/{slug}/favorite", headers=viewer["headers"])


def unfavorite(client, slug, viewer):
    return client.delete(f"/api/articles/{slug}/favorite", headers=viewer["headers"])


# Writing

def test_create_answers_201_with_the_article(client, users):
    alice = users.register("alice")
    response = client.post_json("/api/articles", {"article": {
        "title": "How to Train Your Dragon!", "description": "Ever wonder how?",
        "body": "You have to believe", "tagList": ["dragons", "training"]}},
        headers=alice["headers"], status=201)
    article = response.json["article"]
    check_article(article)
    assert article["slug"] == "how-to-train-your-dragon", "the slug is made from the title"
    assert (article["title"], article["description"], article["body"]) == (
        "How to Train Your Dragon!", "Ever wonder how?", "You have to believe"), \
        "title, description and body are kept as sent"
    assert article["tagList"] == ["dragons", "training"], "the tags are kept"
    assert (article["favorited"], article["favoritesCount"]) == (False, 0), \
        "nobody has favorited a new article"
    assert article["author"] == {"username": "alice", "bio": None, "image": None,
                                 "following": False}, "the author is the writer's profile"
    assert article["createdAt"] == article["updatedAt"], "a new article has not been updated"


def test_slug_collisions_get_a_number(users, articles):
    alice, bob = users.register("alice"), users.register("bob")
    slugs = [articles.create(author, title="Same Title")["slug"]
             for author in (alice, bob, alice)]
    assert slugs == ["same-title", "same-title-2", "same-title-3"], \
        "a taken slug gets -2, -3, ... added"


def test_tag_list_is_lower_cased_deduplicated_and_sorted(users, articles):
    article = articles.create(users.register("alice"),
                              tagList=["Zebra", "apple", "ZEBRA", " mango ", "apple"])
    assert article["tagList"] == ["apple", "mango", "zebra"], \
        "tags are stripped, lower-cased, without repeats, and sorted"


def test_create_without_tags_gives_an_empty_tag_list(users, articles):
    assert articles.create(users.register("alice"))["tagList"] == [], \
        "tagList is an empty list when none was sent"


def test_create_needs_a_token(client):
    error_messages(client.post_json("/api/articles", {"article": {
        "title": "t", "description": "d", "body": "b"}}, status=401))


# Reading

def test_get_answers_with_the_whole_article(client, users, articles):
    created = articles.create(users.register("alice"), title="Dragons", body="Long text",
                              tagList=["dragons"])
    article = read(client, "dragons").json["article"]
    check_article(article)
    assert article == created, "the article reads back as it was created"


def test_unknown_article_is_404(client, users):
    error_messages(read(client, "no-such-article", status=404))
    error_messages(read(client, "no-such-article", viewer=users.register("alice"), status=404))


# Lists and filters

@pytest.fixture
def library(client, users, articles):
    """alice wrote A1 (python) and A2 (sql); bob wrote B1 (python, sql); carol favorites A1, B1."""
    alice, bob, carol = users.register("alice"), users.register("bob"), users.register("carol")
    articles.create(alice, title="A1", tagList=["python"])
    articles.create(bob, title="B1", tagList=["python", "sql"])
    articles.create(alice, title="A2", tagList=["sql"])
    for slug in ("a1", "b1"):
        favorite(client, slug, carol)
    return {"alice": alice, "bob": bob, "carol": carol}


@pytest.mark.parametrize("query, expected", [
    ("", ["A2", "B1", "A1"]),
    ("tag=python", ["B1", "A1"]),
    ("tag=Python", ["B1", "A1"]),
    ("author=alice", ["A2", "A1"]),
    ("favorited=carol", ["B1", "A1"]),
    ("tag=python&author=alice", ["A1"]),
    ("tag=sql&favorited=carol", ["B1"]),
    ("author=alice&favorited=carol", ["A1"]),
    ("tag=sql&author=alice&favorited=carol", []),
    ("tag=nonexistent", []),
    ("author=nobody", []),
    ("favorited=nobody", []),
    ("favorited=alice", []),
])
def test_list_filters_combine(client, library, query, expected):
    page = listing(client, query)
    assert titles(page) == expected, f"?{query} lists {expected}, newest first"
    assert type(page["articlesCount"]) is int and page["articlesCount"] == len(expected), \
        "articlesCount counts the matching articles"


def test_list_items_leave_out_the_body(client, library):
    for viewer in (None, library["carol"]):
        for article in listing(client, viewer=viewer)["articles"]:
            check_article(article, in_a_list=True)


def test_list_shows_favorites_and_following_as_the_viewer_sees_them(client, library):
    client.post("/api/profiles/bob/follow", headers=library["carol"]["headers"])
    seen = {article["title"]: article for article in listing(client, viewer=library["carol"])
            ["articles"]}
    for article in seen.values():
        check_article(article, in_a_list=True)
    assert [seen[title]["favorited"] for title in ("A1", "B1", "A2")] == [True, True, False], \
        "favorited is true for the viewer's favorites"
    assert [seen[title]["favoritesCount"] for title in ("A1", "B1", "A2")] == [1, 1, 0]
    assert [seen[title]["author"]["following"] for title in ("A1", "B1", "A2")] \
        == [False, True, False], "author.following is true for authors the viewer follows"
    anonymous = listing(client)["articles"]
    assert not any(article["favorited"] for article in anonymous), \
        "an anonymous reader has no favorites"


@pytest.fixture
def five_articles(users, articles):
    alice = users.register("alice")
    for n in range(1, 6):
        articles.create(alice, title=f"Article {n}")


@pytest.mark.parametrize("query, expected", [
    ("limit=2", ["Article 5", "Article 4"]),
    ("limit=2&offset=1", ["Article 4", "Article 3"]),
    ("offset=3", ["Article 2", "Article 1"]),
    ("limit=100&offset=4", ["Article 1"]),
    ("offset=5", []),
    ("offset=2147483647", []),
])
def test_paging(client, five_articles, query, expected):
    page = listing(client, query)
    assert titles(page) == expected, f"?{query} is {expected}: newest first, then paged"
    assert page["articlesCount"] == 5, "articlesCount is the total before paging"


def test_a_page_holds_20_articles_by_default(client, users, articles):
    alice = users.register("alice")
    for n in range(21):
        articles.create(alice, title=f"Article {n}")
    page = listing(client)
    assert len(page["articles"]) == 20, "the default limit is 20"
    assert page["articlesCount"] == 21, "articlesCount is the total before paging"
    assert "Article 0" not in titles(page), "the oldest article falls on the next page"


# The feed

def test_feed_lists_only_followed_authors(client, users, articles):
    alice, bob, carol = users.register("alice"), users.register("bob"), users.register("carol")
    client.post("/api/profiles/bob/follow", headers=alice["headers"])
    articles.create(bob, title="Bob one")
    articles.create(carol, title="Carol one")
    articles.create(alice, title="Alice one")
    articles.create(bob, title="Bob two")
    page = listing(client, viewer=alice, url="/api/articles/feed")
    assert titles(page) == ["Bob two", "Bob one"], \
        "the feed holds the followed authors' articles, newest first"
    assert page["articlesCount"] == 2, "articlesCount counts the feed"
    for article in page["articles"]:
        check_article(article, in_a_list=True)
    assert all(article["author"]["following"] is True for article in page["articles"]), \
        "every author in the feed is followed"
    assert titles(listing(client, "limit=1&offset=1", viewer=alice, url="/api/articles/feed")) \
        == ["Bob one"], "the feed pages like the list"
    empty = listing(client, viewer=carol, url="/api/articles/feed")
    assert empty == {"articles": [], "articlesCount": 0}, "following nobody: an empty feed"


def test_feed_needs_a_token(client):
    error_messages(client.get("/api/articles/feed", status=401))


# Editing

@pytest.fixture
def dragons(users, articles):
    """alice's article "How to Train Your Dragon", tagged dragons and training."""
    alice = users.register("alice")
    article = articles.create(alice, title="How to Train Your Dragon",
                              tagList=["dragons", "training"])
    return {"author": alice, "article": article, "slug": article["slug"]}


def test_author_can_edit_and_the_slug_stays(client, dragons):
    time.sleep(0.01)  # so that the update's time differs from the creation's in milliseconds
    article = edit(client, dragons["slug"], dragons["author"], title="Did You Train It?",
                   description="new description", body="new body").json["article"]
    assert (article["title"], article["description"], article["body"]) == (
        "Did You Train It?", "new description", "new body"), "the fields are changed"
    assert article["slug"] == dragons["slug"], "editing the title keeps the slug"
    assert article["tagList"] == ["dragons", "training"], "tags not sent are kept"
    assert article["createdAt"] == dragons["article"]["createdAt"], "createdAt never changes"
    assert TIMESTAMP.match(article["updatedAt"]), "updatedAt is a timestamp"
    assert article["updatedAt"] > dragons["article"]["updatedAt"], "an edit moves updatedAt"
    assert read(client, dragons["slug"]).json["article"] == article, \
        "the edited article reads back at the same slug"


@pytest.mark.parametrize("tags, expected", [
    (["Flying", "fire"], ["fire", "flying"]),
    ([], []),
])
def test_author_can_replace_the_tags(client, dragons, tags, expected):
    article = edit(client, dragons["slug"], dragons["author"], tagList=tags).json["article"]
    assert article["tagList"] == expected, "tagList replaces the article's tags"
    assert read(client, dragons["slug"]).json["article"]["tagList"] == expected


def test_only_the_author_may_edit(client, users, dragons):
    bob = users.register("bob")
    error_messages(edit(client, dragons["slug"], bob, title="Mine now", status=403))
    assert read(client, dragons["slug"]).json["article"]["title"] == "How to Train Your Dragon", \
        "a refused edit changes nothing"


def test_editing_needs_a_token_and_a_known_article(client, dragons):
    error_messages(client.put_json(f"/api/articles/{dragons['slug']}",
                                   {"article": {"title": "x"}}, status=401))
    error_messages(edit(client, "no-such-article", dragons["author"], title="x", status=404))


# Deleting

def test_author_can_delete(client, dragons):
    response = client.delete(f"/api/articles/{dragons['slug']}",
                             headers=dragons["author"]["headers"], status=204)
    assert response.body == b"", "a delete answers 204 with no body"
    error_messages(read(client, dragons["slug"], status=404))
    assert listing(client) == {"articles": [], "articlesCount": 0}, "it leaves the list"


def test_only_the_author_may_delete(client, users, dragons):
    bob = users.register("bob")
    error_messages(client.delete(f"/api/articles/{dragons['slug']}", headers=bob["headers"],
                                 status=403))
    assert read(client, dragons["slug"]).json["article"]["slug"] == dragons["slug"], \
        "a refused delete leaves the article"


def test_deleting_needs_a_token_and_a_known_article(client, dragons):
    error_messages(client.delete(f"/api/articles/{dragons['slug']}", status=401))
    error_messages(client.delete("/api/articles/no-such-article",
                                 headers=dragons["author"]["headers"], status=404))


def test_deleting_an_article_removes_its_comments_favorites_and_tag_links(
        client, users, articles, dragons, in_database):
    bob = users.register("bob")
    kept = articles.create(bob, title="Kept", tagList=["dragons"])
    for slug in (dragons["slug"], kept["slug"]):
        client.post_json(f"/api/articles/{slug}/comments", {"comment": {"body": "Nice"}},
                         headers=bob["headers"])
        favorite(client, slug, bob)
    with in_database():
        doomed = Article.get(Article.slug == dragons["slug"]).id
    client.delete(f"/api/articles/{dragons['slug']}", headers=dragons["author"]["headers"])
    with in_database():
        left = {model.__name__: model.select().where(model.article == doomed).count()
                for model in (Comment, Favorite, ArticleTag)}
        kept_rows = {model.__name__: model.select().join(Article)
                     .where(Article.slug == "kept").count()
                     for model in (Comment, Favorite, ArticleTag)}
    assert left == {"Comment": 0, "Favorite": 0, "ArticleTag": 0}, \
        "an article's comments, favorites and tag links go with it"
    assert kept_rows == {"Comment": 1, "Favorite": 1, "ArticleTag": 1}, \
        "another article's comments, favorites and tags are untouched"
    assert listing(client, "favorited=bob")["articlesCount"] == 1, \
        "the deleted article is gone from bob's favorites"


# Favorites

def test_favorite_as_seen_by_each_viewer(client, users, dragons):
    bob, carol = users.register("bob"), users.register("carol")
    for attempt in range(2):
        response = favorite(client, dragons["slug"], bob)
        assert response.status_code == 200, "favorite answers 200, also when repeated"
        article = response.json["article"]
        check_article(article)
        assert (article["favorited"], article["favoritesCount"]) == (True, 1), \
            "a favorite counts once, however often it is repeated"
    seen_by_carol = read(client, dragons["slug"], viewer=carol).json["article"]
    assert (seen_by_carol["favorited"], seen_by_carol["favoritesCount"]) == (False, 1), \
        "another viewer sees the count but has not favorited it"
    anonymous = read(client, dragons["slug"]).json["article"]
    assert (anonymous["favorited"], anonymous["favoritesCount"]) == (False, 1)
    favorite(client, dragons["slug"], carol)
    both = read(client, dragons["slug"], viewer=bob).json["article"]
    assert (both["favorited"], both["favoritesCount"]) == (True, 2), "favorites add up"


def test_unfavorite_can_be_repeated(client, users, dragons):
    bob, carol = users.register("bob"), users.register("carol")
    favorite(client, dragons["slug"], bob)
    favorite(client, dragons["slug"], carol)
    for attempt in range(2):
        response = unfavorite(client, dragons["slug"], bob)
        assert response.status_code == 200, "unfavorite answers 200, also when repeated"
        article = response.json["article"]
        assert (article["favorited"], article["favoritesCount"]) == (False, 1), \
            "unfavorite removes only the viewer's favorite"
    seen_by_carol = read(client, dragons["slug"], viewer=carol).json["article"]
    assert (seen_by_carol["favorited"], seen_by_carol["favoritesCount"]) == (True, 1)


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_favoriting_needs_a_token_and_a_known_article(client, dragons, method):
    error_messages(client.request(f"/api/articles/{dragons['slug']}/favorite", method=method,
                                  status=401))
    error_messages(client.request("/api/articles/no-such-article/favorite", method=method,
                                  headers=dragons["author"]["headers"], status=404))


def test_an_article_called_feed_stays_readable(client, users, articles):
    alice = users.register()
    slug = articles.create(alice, title="Feed")["slug"]
    assert slug != "feed", "/api/articles/feed is the feed, so no article may take that slug"
    assert read(client, slug).json["article"]["title"] == "Feed"
