# kind: rule
# why: answers with an SQL string through db.execute_sql instead of the Peewee models the task requires; a hidden check that gives the models other table names must catch it
def most_favorited_authors(limit):
    """The ``limit`` authors whose articles were favorited most, as (username, favorites)."""
    rows = db.execute_sql("""
        SELECT "user".username, COUNT(favorite.id) AS favorites
          FROM "user" JOIN article ON article.author_id = "user".id
          LEFT JOIN favorite ON favorite.article_id = article.id
         GROUP BY "user".id
         ORDER BY favorites DESC, "user".username
         LIMIT ?""", (limit,)).fetchall()
    return [(name, favorites) for name, favorites in rows]
