# kind: coincidence
# why: forgets the where on the follower: the feed holds every author anybody follows, the same as the reader's while only the reader follows
"""The feed: the articles of the authors the user follows."""


def add_feed_routes(app):
    """GET /api/articles/feed, paged like the lists.

    Bottle matches a fixed path such as /api/articles/feed before the pattern
    /api/articles/<slug>, whatever the order they were added in, so the feed is never taken
    for an article called "feed" (and `unique_slug` never makes that slug).
    """
    @app.get("/api/articles/feed")
    def feed():
        reader = require_user()
        followed = Follow.select(Follow.followed)
        query = articles_with_authors().where(Article.author.in_(followed))
        return article_page(query, reader)
