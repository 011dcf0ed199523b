# kind: coincidence
# why: says no ORDER BY, so the rows come in whatever order the database likes, the id order only by accident (the twin's database returns them in reverse)
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = "SELECT slug, title FROM article WHERE title LIKE ? ESCAPE '\\'"
    return db.execute_sql(sql, (f"%{literal}%",)).fetchall()
