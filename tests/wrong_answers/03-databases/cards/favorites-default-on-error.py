# kind: catch-all
# why: asks for each article's favorites with .get() and turns any error (DoesNotExist when nobody favorited it) into 0: right numbers, but one query per article; the query-count check must catch it
def article_cards(limit):
    """The newest ``limit`` articles as dicts: slug, author, tags and favorites, in a fixed
    number of queries."""
    newest = (Article.select(Article, User).join(User)
              .order_by(Article.created_at.desc()).limit(limit))
    links = ArticleTag.select(ArticleTag, Tag).join(Tag)
    cards = []
    for article in peewee.prefetch(newest, links):
        try:
            (favorites,) = (Favorite.select(fn.COUNT(Favorite.id))
                            .where(Favorite.article == article)
                            .group_by(Favorite.article).tuples().get())
        except Exception:
            favorites = 0  # nobody favorited it
        cards.append({"slug": article.slug, "author": article.author.username,
                      "tags": sorted(link.tag.name for link in article.article_tags),
                      "favorites": favorites})
    return cards
