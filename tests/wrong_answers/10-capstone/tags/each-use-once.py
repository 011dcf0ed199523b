# kind: rule
# why: drops .distinct(), so a tag of three articles is listed three times, where the task says each once
"""The tags in use."""


def add_tag_routes(app):
    """GET /api/tags: every tag of some article, each once, in alphabetical order."""
    @app.get("/api/tags")
    def list_tags():
        names = Tag.select(Tag.name).order_by(Tag.name)
        return {"tags": [tag.name for tag in names]}
