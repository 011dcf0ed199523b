# kind: form
# why: answers the article itself, without the {"article": ...} wrapper of a SingleArticleResponse
"""Favorites: a user marks an article they like; each article counts its favorites."""


def add_favorite_routes(app):
    """POST and DELETE /api/articles/<slug>/favorite."""
    @app.post("/api/articles/<slug>/favorite")
    def favorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.get_or_create(user=user, article=article)  # favoriting twice counts once
        return article_json(article, user)

    @app.delete("/api/articles/<slug>/favorite")
    def unfavorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.delete().where((Favorite.user == user) & (Favorite.article == article)).execute()
        return article_json(article, user)
