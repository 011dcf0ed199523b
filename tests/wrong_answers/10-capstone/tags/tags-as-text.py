# kind: form
# why: joins the names into one comma-separated string, as a tag cloud shows them, not a JSON list
"""The tags in use."""


def add_tag_routes(app):
    """GET /api/tags: every tag of some article, each once, in alphabetical order."""
    @app.get("/api/tags")
    def list_tags():
        names = Tag.select(Tag.name).distinct().order_by(Tag.name)
        return {"tags": ", ".join(tag.name for tag in names)}
