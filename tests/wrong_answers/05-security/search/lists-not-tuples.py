# kind: form
# why: returns each row as a list, not the (slug, title) tuple fetchall() gives
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = "SELECT slug, title FROM article WHERE title LIKE ? ESCAPE '\\' ORDER BY id"
    return [list(row) for row in db.execute_sql(sql, (f"%{literal}%",)).fetchall()]
