# kind: form
# why: a plain <comment_id> converted with int() in the handler, so /comments/seven crashes into a 500 instead of matching no route; the /comments/seven check must catch it
def create_app(articles, comments):
    """A new Bottle app serving ``articles`` and their ``comments`` read-only (but for deletes)."""
    app = bottle.Bottle()
    json_errors(app)
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

    @app.get("/api/articles/<slug>/comments/<comment_id>")
    def get_comment(slug, comment_id):
        return {"comment": find_comment(slug, int(comment_id))}

    @app.delete("/api/articles/<slug>/comments/<comment_id>")
    def delete_comment(slug, comment_id):
        comment = find_comment(slug, int(comment_id))
        threads[slug].remove(comment)
        bottle.response.status = 204

    return app
