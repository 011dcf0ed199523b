# kind: rule
# why: copies update_article's article_json(article, article.author): favorited is the author's, not the fan's who asked
"""Favorites: a user marks an article they like; each article counts its favorites."""


def add_favorite_routes(app):
    """POST and DELETE /api/articles/<slug>/favorite."""
    @app.post("/api/articles/<slug>/favorite")
    def favorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.get_or_create(user=user, article=article)  # favoriting twice counts once
        return {"article": article_json(article, article.author)}

    @app.delete("/api/articles/<slug>/favorite")
    def unfavorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.delete().where((Favorite.user == user) & (Favorite.article == article)).execute()
        return {"article": article_json(article, article.author)}
