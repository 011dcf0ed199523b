# kind: rule
# why: joins the authors and fetches the tags in one query, but still counts each article's favorites with a query of its own, so the count grows with the limit
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    articles = list(Article.select(Article, User).join(User)
                    .where(Article.updated_at >= since)
                    .order_by(Article.updated_at, Article.id).limit(limit))
    tags = {}
    for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                             .where(ArticleTag.article.in_([a.id for a in articles])).tuples()):
        tags.setdefault(article_id, []).append(name)
    return [{"slug": article.slug, "title": article.title, "author": article.author.username,
             "tags": sorted(tags.get(article.id, [])), "favorites": article.favorites.count()}
            for article in articles]


def speed_up(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_updated_at ON article (updated_at)")
