# kind: rule
# why: one app made once and given routes again by every call, so create_app returns the same app each time and a later call changes an earlier app's data; the checks for a new app each call must catch it
app = bottle.Bottle()  # one app, made once
json_errors(app)


def create_app(articles, comments):
    """A new Bottle app serving ``articles`` and their ``comments`` read-only (but for deletes)."""
    by_slug = {article["slug"]: article for article in articles}
    threads = {slug: list(comments.get(slug, [])) for slug in by_slug}

    def find_article(slug):
        if slug not in by_slug:
            raise api_error(404, f"article {slug!r} not found")
        return by_slug[slug]

    def find_comment(slug, comment_id):
        find_article(slug)
        for comment in threads[slug]:
            if comment["id"] == comment_id:
                return comment
        raise api_error(404, f"comment {comment_id} on article {slug!r} not found")

    @app.get("/api/articles/<slug>")
    def get_article(slug):
        return {"article": find_article(slug)}

    @app.get("/api/articles/<slug>/comments")
    def list_comments(slug):
        find_article(slug)
        return {"comments": threads[slug]}

    @app.get("/api/articles/<slug>/comments/<comment_id:int>")
    def get_comment(slug, comment_id):
        return {"comment": find_comment(slug, comment_id)}

    @app.delete("/api/articles/<slug>/comments/<comment_id:int>")
    def delete_comment(slug, comment_id):
        comment = find_comment(slug, comment_id)
        threads[slug].remove(comment)
        bottle.response.status = 204

    return app
