# kind: coincidence
# why: an inner join to Favorite drops authors whose articles nobody favorited; every demo author has some, so only the hidden check with such an author (zoe) catches it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    query = (User.select(User.username, fn.COUNT(Favorite.id).alias("favorites"))
             .join(Article, on=(Article.author == User.id))
             .join(Favorite, on=(Favorite.article == Article.id))
             .group_by(User.id)
             .order_by(SQL("favorites").desc(), User.username)
             .limit(limit))
    return list(query.tuples())
