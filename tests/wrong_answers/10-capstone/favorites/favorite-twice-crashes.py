# kind: coincidence
# why: creates the Favorite row without get_or_create: right the first time, a 500 (IntegrityError) when a user favorites again
"""Favorites: a user marks an article they like; each article counts its favorites."""


def add_favorite_routes(app):
    """POST and DELETE /api/articles/<slug>/favorite."""
    @app.post("/api/articles/<slug>/favorite")
    def favorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.create(user=user, article=article)
        return {"article": article_json(article, user)}

    @app.delete("/api/articles/<slug>/favorite")
    def unfavorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.delete().where((Favorite.user == user) & (Favorite.article == article)).execute()
        return {"article": article_json(article, user)}
