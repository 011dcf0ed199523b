# kind: coincidence
# why: breaks ties by the user's id, which only matches alphabetical order because the demo creates alice, bob, ... in that order; a hidden check with users created out of alphabetical order must catch it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    query = (User.select(User.username, fn.COUNT(Favorite.id).alias("favorites"))
             .join(Article, on=(Article.author == User.id))
             .join(Favorite, JOIN.LEFT_OUTER, on=(Favorite.article == Article.id))
             .group_by(User.id)
             .order_by(SQL("favorites").desc(), User.id)
             .limit(limit))
    return list(query.tuples())
