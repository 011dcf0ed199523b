"""How many SQL statements each read makes: the same for 1 article as for 25.

A count that grows with the page is the N+1 problem of lesson 06: one more query per article
(for its tags, its favorites, its author) instead of one query for the whole page.
"""

import pytest

from server.models import Article, ArticleTag, Comment, Favorite, Follow, Tag, User

AUTHORS = 3

# The statements each read makes, pinned: the same on SQLite, PostgreSQL and MySQL. (SQLite's
# PRAGMAs on connecting are run by peewee without logging them, so they are not counted.)
VIEWER = "SELECT the user named by the token"
ARTICLE_PAGE = ["SELECT COUNT(*) of the matching articles",
                "SELECT the page of articles JOIN their authors"]
RENDERED = ["SELECT the articles' tags", "SELECT COUNT(*) of favorites per article"]
AS_SEEN_BY_VIEWER = ["SELECT which of the articles the viewer favorited",
                     "SELECT which of the authors the viewer follows"]
EXPECTED = {
    ("/api/articles", "anonymous"): ARTICLE_PAGE + RENDERED,
    ("/api/articles", "viewer"): [VIEWER] + ARTICLE_PAGE + RENDERED + AS_SEEN_BY_VIEWER,
    ("/api/articles/feed", "viewer"): [VIEWER] + ARTICLE_PAGE + RENDERED + AS_SEEN_BY_VIEWER,
    ("/api/articles/article-0", "anonymous"): ["SELECT the article JOIN its author"] + RENDERED,
    ("/api/articles/article-0", "viewer"):
        [VIEWER, "SELECT the article JOIN its author"] + RENDERED + AS_SEEN_BY_VIEWER,
    ("/api/articles/article-0/comments", "anonymous"):
        ["SELECT the article JOIN its author", "SELECT the comments JOIN their authors"],
    ("/api/articles/article-0/comments", "viewer"):
        [VIEWER, "SELECT the article JOIN its author", "SELECT the comments JOIN their authors",
         "SELECT which of the commenters the viewer follows"],
    ("/api/tags", "anonymous"): ["SELECT the tags JOIN their uses, counted and ordered"],
    ("/api/articles?favorited=viewer", "anonymous"): ARTICLE_PAGE + RENDERED,
    ("/api/articles?favorited=viewer", "viewer"):
        [VIEWER] + ARTICLE_PAGE + RENDERED + AS_SEEN_BY_VIEWER,
    ("/api/profiles/author0", "anonymous"): ["SELECT the user"],
    ("/api/profiles/author0", "viewer"):
        [VIEWER, "SELECT the user", "SELECT whether the viewer follows them"],
}


def populate(count, viewer_name):
    """``count`` articles by several authors, each with 2 tags, 3 favorites and 3 comments;
    the viewer follows every author, so the feed holds them all."""
    authors = [User.create(username=f"author{n}", email=f"author{n}@example.com",
                           password_hash="not a real hash") for n in range(AUTHORS)]
    viewer = User.get(User.username == viewer_name)
    Follow.insert_many([(viewer.id, author.id) for author in authors],
                       fields=[Follow.follower, Follow.followed]).execute()
    tags = [Tag.create(name=f"tag{n}") for n in range(4)]
    for n in range(count):
        article = Article.create(slug=f"article-{n}", title=f"Article {n}", description="d",
                                 body="b", author=authors[n % AUTHORS])
        ArticleTag.insert_many([(article.id, tags[n % 4].id), (article.id, tags[(n + 1) % 4].id)],
                               fields=[ArticleTag.article, ArticleTag.tag]).execute()
        fans = [viewer, authors[(n + 1) % AUTHORS], authors[(n + 2) % AUTHORS]]
        Favorite.insert_many([(fan.id, article.id) for fan in fans],
                             fields=[Favorite.user, Favorite.article]).execute()
        for k, commenter in enumerate(authors):
            Comment.create(article=article, author=commenter, body=f"Comment {k}")


@pytest.mark.parametrize("count", [1, 25])
@pytest.mark.parametrize("url, who", list(EXPECTED))
def test_query_count_does_not_grow_with_the_page(client, users, in_database, queries,
                                                 count, url, who):
    viewer = users.register("viewer")
    with in_database():
        populate(count, "viewer")
    headers = viewer["headers"] if who == "viewer" else {}
    with queries() as counter:
        answer = client.get(url, headers=headers).json
    if "articles" in answer:
        assert len(answer["articles"]) == min(count, 20), "a full page: every item is counted"
    if "comments" in answer:
        assert len(answer["comments"]) == AUTHORS, "every comment is counted"
    assert counter.count == len(EXPECTED[url, who]), (
        f"GET {url} ({who}, {count} articles) must make {len(EXPECTED[url, who])} statements: "
        f"{EXPECTED[url, who]}; it made {counter.count}: "
        f"{[record.msg[0][:70] for record in counter.get_queries()]}")
