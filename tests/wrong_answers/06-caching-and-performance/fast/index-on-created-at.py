# kind: coincidence
# why: indexes created_at, which holds the same times as updated_at in the demo data, but CHANGED filters and sorts on updated_at, so its plan still scans the table (and that index already exists)
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    articles = list(Article.select(Article, User).join(User)
                    .where(Article.updated_at >= since)
                    .order_by(Article.updated_at, Article.id).limit(limit))
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
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_created_at ON article (created_at)")
