# kind: rule
# why: reads article.author without joining User, one more query per article (an N+1), although the task requires the same number of queries whatever the limit; the query-count check must catch it
def article_cards(limit):
    """The newest ``limit`` articles as dicts: slug, author, tags and favorites, in a fixed
    number of queries."""
    newest = Article.select().order_by(Article.created_at.desc()).limit(limit)
    links = ArticleTag.select(ArticleTag, Tag).join(Tag)
    articles = peewee.prefetch(newest, links)
    favorites = dict(Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
                     .where(Favorite.article.in_([article.id for article in articles]))
                     .group_by(Favorite.article).tuples())
    return [{"slug": article.slug, "author": article.author.username,
             "tags": sorted(link.tag.name for link in article.article_tags),
             "favorites": favorites.get(article.id, 0)} for article in articles]
