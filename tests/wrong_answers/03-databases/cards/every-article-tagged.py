# kind: coincidence
# why: joins the tags and favorites with inner joins in one grouped query, which drops every article with no tag or no favorite, and counts a favorite once per tag; the checks of the demo page and of an article with neither must catch it
def article_cards(limit):
    """The newest ``limit`` articles as dicts: slug, author, tags and favorites, in a fixed
    number of queries."""
    rows = (Article.select(Article.slug, User.username, fn.GROUP_CONCAT(Tag.name.distinct()),
                           fn.COUNT(Favorite.id))
            .join(User).switch(Article)
            .join(ArticleTag).join(Tag).switch(Article)
            .join(Favorite)
            .group_by(Article.id)
            .order_by(Article.created_at.desc()).limit(limit).tuples())
    return [{"slug": slug, "author": author, "tags": sorted(tags.split(",")),
             "favorites": favorites} for slug, author, tags, favorites in rows]
