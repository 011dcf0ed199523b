# kind: coincidence
# why: stops at 20 rows, like a page of the API, though the task asks for every match; the twin with 25 matches must catch it
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = ("SELECT slug, title FROM article WHERE title LIKE ? ESCAPE '\\' "
           "ORDER BY id LIMIT 20")
    return db.execute_sql(sql, (f"%{literal}%",)).fetchall()
