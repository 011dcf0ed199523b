# kind: coincidence
# why: applies limit but forgets offset, which no page past the first shows when the pages hold the same number of articles
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
        limit = whole_number("limit", 20)
        page = list(query.order_by(Article.created_at.desc()).limit(limit))
        return {"articles": articles_json(page, reader), "articlesCount": query.count()}
