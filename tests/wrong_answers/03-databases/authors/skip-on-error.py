# kind: catch-all
# why: skips an author whenever counting their favorites raises, so an author nobody favorited (no group: DoesNotExist) is left out instead of listed with 0; the hidden check with such an author must catch it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    results = []
    for author in User.select().join(Article).distinct():
        try:
            (count,) = (Favorite.select(fn.COUNT(Favorite.id))
                        .join(Article).where(Article.author == author)
                        .group_by(Article.author).tuples().get())
        except Exception:
            continue  # nothing to count
        results.append((author.username, count))
    results.sort(key=lambda item: (-item[1], item[0]))
    return results[:limit]
