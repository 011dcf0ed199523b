# kind: coincidence
# why: lists each article's tags in the order they were added, which the demo data adds sorted, but changes_slowly sorts them
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    articles = list(Article.select(Article, User).join(User)
                    .where(Article.updated_at >= since)
                    .order_by(Article.updated_at, Article.id).limit(limit))
    ids = [article.id for article in articles]
    tags = {}
    for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                             .where(ArticleTag.article.in_(ids)).order_by(ArticleTag.id).tuples()):
        tags.setdefault(article_id, []).append(name)
    favorites = dict(Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
                     .where(Favorite.article.in_(ids)).group_by(Favorite.article).tuples())
    return [{"slug": article.slug, "title": article.title, "author": article.author.username,
             "tags": tags.get(article.id, []), "favorites": favorites.get(article.id, 0)}
            for article in articles]


def speed_up(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_updated_at ON article (updated_at)")
