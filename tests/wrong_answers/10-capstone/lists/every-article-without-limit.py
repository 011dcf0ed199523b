# kind: rule
# why: pages only when ?limit= is given: without it every article comes back, not the 20 the task states
"""The global list of articles: filtered, most recent first, a page at a time."""
from bottle import request


def add_list_routes(app):
    """GET /api/articles, filtered by ?tag=, ?author= and ?favorited= (a username), paged
    by ?limit= (20 unless given) and ?offset=."""
    @app.get("/api/articles")
    def list_articles():
        viewer = current_user()
        query = articles_with_authors()
        if request.query.tag:
            tagged = Tag.select(Tag.article).where(Tag.name == request.query.tag)
            query = query.where(Article.id.in_(tagged))
        if request.query.author:
            query = query.where(User.username == request.query.author)
        if request.query.favorited:
            fans = User.select(User.id).where(User.username == request.query.favorited)
            favorites = Favorite.select(Favorite.article).where(Favorite.user.in_(fans))
            query = query.where(Article.id.in_(favorites))
        return article_page(query, viewer)


def articles_with_authors():
    """All articles, each selected with its author (one query, not one more per article)."""
    return Article.select(Article, User).join(User)


def article_page(query, viewer):
    """One page of the articles of `query`, most recent first, as the lists answer it:
    `articlesCount` counts every article of `query`, not only those of the page."""
    limit, offset = whole_number("limit", None), whole_number("offset", 0)
    newest_first = query.order_by(Article.created_at.desc(), Article.id.desc())
    page = list(newest_first.limit(limit).offset(offset) if limit else newest_first.offset(offset))
    return {"articles": articles_json(page, viewer), "articlesCount": query.count()}


def whole_number(name, default):
    """The query parameter `name` as a whole number of at least 0, or `default`."""
    text = request.query.get(name)
    if text is None:
        return default
    if not text.isdigit():
        raise error(422, f"{name} must be a whole number, got {text!r}")
    return int(text)
