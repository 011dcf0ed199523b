# kind: rule
# why: answers with one SQL string through db.execute_sql instead of the Peewee models the task requires; a hidden check that gives the models other table names must catch it
def article_cards(limit):
    """The newest ``limit`` articles as dicts: slug, author, tags and favorites, in a fixed
    number of queries."""
    rows = db.execute_sql("""
        SELECT article.slug, "user".username,
               (SELECT group_concat(name, ',') FROM (SELECT tag.name FROM articletag
                  JOIN tag ON tag.id = articletag.tag_id
                 WHERE articletag.article_id = article.id ORDER BY tag.name)),
               (SELECT COUNT(*) FROM favorite WHERE favorite.article_id = article.id)
          FROM article JOIN "user" ON "user".id = article.author_id
         ORDER BY article.created_at DESC
         LIMIT ?""", (limit,)).fetchall()
    return [{"slug": slug, "author": author, "tags": tags.split(",") if tags else [],
             "favorites": favorites} for slug, author, tags, favorites in rows]
