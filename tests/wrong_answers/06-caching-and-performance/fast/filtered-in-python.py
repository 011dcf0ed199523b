# kind: rule
# why: reads every article with its author in one query and filters, sorts and cuts the list in Python, so the count is constant and the index is there, but every call still reads the whole table
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    everything = list(Article.select(Article, User).join(User))
    articles = sorted((article for article in everything if article.updated_at >= since),
                      key=lambda article: (article.updated_at, article.id))[:limit]
    ids = [article.id for article in articles]
    tags = {}
    for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                             .where(ArticleTag.article.in_(ids)).tuples()):
        tags.setdefault(article_id, []).append(name)
    favorites = dict(Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
                     .where(Favorite.article.in_(ids)).group_by(Favorite.article).tuples())
    return [{"slug": article.slug, "title": article.title, "author": article.author.username,
             "tags": sorted(tags.get(article.id, [])),
             "favorites": favorites.get(article.id, 0)}
            for article in articles]


def speed_up(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_updated_at ON article (updated_at)")
