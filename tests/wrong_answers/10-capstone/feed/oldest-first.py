# kind: rule
# why: pages the feed in id order, oldest first, where the lists (and so the feed) put the most recent first
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
        followed = Follow.select(Follow.followed).where(Follow.follower == reader)
        query = articles_with_authors().where(Article.author.in_(followed))
        limit, offset = whole_number("limit", 20), whole_number("offset", 0)
        page = list(query.order_by(Article.id).limit(limit).offset(offset))
        return {"articles": articles_json(page, reader), "articlesCount": query.count()}
