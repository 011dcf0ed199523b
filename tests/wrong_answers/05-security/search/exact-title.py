# kind: rule
# why: parameterised, but finds only titles equal to the text, not those containing it, ignoring case
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    sql = "SELECT slug, title FROM article WHERE title = ? ORDER BY id"
    return db.execute_sql(sql, (text,)).fetchall()
