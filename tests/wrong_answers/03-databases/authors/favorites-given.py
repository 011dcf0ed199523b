# kind: rule
# why: counts the favorites each user gave (Favorite.user) instead of those their articles received; the visible check of the demo's top three must catch it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    query = (User.select(User.username, fn.COUNT(Favorite.id).alias("favorites"))
             .join(Favorite, on=(Favorite.user == User.id))
             .group_by(User.id)
             .order_by(SQL("favorites").desc(), User.username)
             .limit(limit))
    return list(query.tuples())
