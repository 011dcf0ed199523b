# kind: rule
# why: starts with require_user() like the other routes, though anyone, logged in or not, may list the tags
"""The tags in use."""


def add_tag_routes(app):
    """GET /api/tags: every tag of some article, each once, in alphabetical order."""
    @app.get("/api/tags")
    def list_tags():
        require_user()
        names = Tag.select(Tag.name).distinct().order_by(Tag.name)
        return {"tags": [tag.name for tag in names]}
