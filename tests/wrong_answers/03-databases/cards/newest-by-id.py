# kind: coincidence
# why: orders by Article.id instead of created_at, which agrees only while the newest article also has the highest id, as in the demo data; a hidden check with ids out of date order must catch it
def article_cards(limit):
    """The newest ``limit`` articles as dicts: slug, author, tags and favorites, in a fixed
    number of queries."""
    newest = (Article.select(Article, User).join(User)
              .order_by(Article.id.desc()).limit(limit))
    links = ArticleTag.select(ArticleTag, Tag).join(Tag)
    articles = peewee.prefetch(newest, links)
    favorites = dict(Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
                     .where(Favorite.article.in_([article.id for article in articles]))
                     .group_by(Favorite.article).tuples())
    return [{"slug": article.slug, "author": article.author.username,
             "tags": sorted(link.tag.name for link in article.article_tags),
             "favorites": favorites.get(article.id, 0)} for article in articles]
