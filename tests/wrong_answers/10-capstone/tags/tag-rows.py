# kind: form
# why: answers the rows as dicts, [{"name": "dragons"}], not the names themselves
"""The tags in use."""


def add_tag_routes(app):
    """GET /api/tags: every tag of some article, each once, in alphabetical order."""
    @app.get("/api/tags")
    def list_tags():
        names = Tag.select(Tag.name).distinct().order_by(Tag.name)
        return {"tags": list(names.dicts())}
