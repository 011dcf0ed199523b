# kind: form
# why: returns the Peewee query itself, which the twin can run, not the list of tuples fetchall() gives
from server.models import Article


def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    return (Article.select(Article.slug, Article.title)
            .where(Article.title.contains(text)).order_by(Article.id).tuples())
