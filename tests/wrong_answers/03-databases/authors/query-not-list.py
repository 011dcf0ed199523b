# kind: form
# why: returns the query's .tuples() itself, which iterates like a list but is not one; the type check must catch it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    return (User.select(User.username, fn.COUNT(Favorite.id).alias("favorites"))
            .join(Article, on=(Article.author == User.id))
            .join(Favorite, JOIN.LEFT_OUTER, on=(Favorite.article == Article.id))
            .group_by(User.id)
            .order_by(SQL("favorites").desc(), User.username)
            .limit(limit)
            .tuples())
