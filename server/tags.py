"""Tags: ``GET /api/tags`` lists every tag in use, the most used first."""

import peewee

from .models import ArticleTag, Tag


def list_tags():
    uses = peewee.fn.COUNT(ArticleTag.id)
    query = (Tag.select(Tag.name).join(ArticleTag).group_by(Tag.id, Tag.name)
             .order_by(uses.desc(), Tag.name))
    return {"tags": [name for (name,) in query.tuples()]}


def register(app):
    app.get("/api/tags", callback=list_tags, cache="public")
