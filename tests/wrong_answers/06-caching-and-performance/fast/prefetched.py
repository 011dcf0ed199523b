# kind: rule
# why: prefetches the tags, but article.favorites.count() is still one query per article, prefetched or not, so the count grows with the limit
CHANGED = "SELECT id FROM article WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"


def changes(since, limit):
    articles = (Article.select(Article, User).join(User).where(Article.updated_at >= since)
                .order_by(Article.updated_at, Article.id).limit(limit))
    return [{"slug": article.slug, "title": article.title, "author": article.author.username,
             "tags": sorted(link.tag.name for link in article.article_tags),
             "favorites": article.favorites.count()}
            for article in prefetch(articles, ArticleTag.select(ArticleTag, Tag).join(Tag))]


def speed_up(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS article_updated_at ON article (updated_at)")
