# kind: coincidence
# why: orders by created_at, which is the id order only while articles were written in date order; the twin with articles dated newest first must catch it
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = "SELECT slug, title FROM article WHERE title LIKE ? ESCAPE '\\' ORDER BY created_at"
    return db.execute_sql(sql, (f"%{literal}%",)).fetchall()
