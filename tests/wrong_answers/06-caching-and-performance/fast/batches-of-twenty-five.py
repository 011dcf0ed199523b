# kind: coincidence
# why: reads the tags and favorites of the articles 25 at a time, which makes the same count for the example's limits of 5 and 20, but more queries for every 25 articles past that
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    articles = list(Article.select(Article, User).join(User)
                    .where(Article.updated_at >= since)
                    .order_by(Article.updated_at, Article.id).limit(limit))
    tags, favorites = {}, {}
    for start in range(0, max(len(articles), 1), 25):
        ids = [article.id for article in articles[start:start + 25]]
        for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                                 .where(ArticleTag.article.in_(ids)).tuples()):
            tags.setdefault(article_id, []).append(name)
        favorites.update(Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
                         .where(Favorite.article.in_(ids)).group_by(Favorite.article).tuples())
    return [{"slug": article.slug, "title": article.title, "author": article.author.username,
             "tags": sorted(tags.get(article.id, [])),
             "favorites": favorites.get(article.id, 0)}
            for article in articles]


def speed_up(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_updated_at ON article (updated_at)")
