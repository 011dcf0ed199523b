# kind: catch-all
# why: the except Exception meant for 'was not favorited' also hides that the query passes the URL's slug for the article, so nothing is ever unfavorited
"""Favorites: a user marks an article they like; each article counts its favorites."""


def add_favorite_routes(app):
    """POST and DELETE /api/articles/<slug>/favorite."""
    @app.post("/api/articles/<slug>/favorite")
    def favorite(slug):
        user = require_user()
        article = find_article(slug)
        Favorite.get_or_create(user=user, article=article)  # favoriting twice counts once
        return {"article": article_json(article, user)}

    @app.delete("/api/articles/<slug>/favorite")
    def unfavorite(slug):
        user = require_user()
        article = find_article(slug)
        try:
            Favorite.get(user=user, article=slug).delete_instance()
        except Exception:  # it was not favorited: nothing to undo
            pass
        return {"article": article_json(article, user)}
