# kind: form
# why: returns the titles alone, not (slug, title) pairs, so the twin cannot show the articles
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    sql = "SELECT title FROM article WHERE title LIKE ? ORDER BY id"
    return [title for (title,) in db.execute_sql(sql, (f"%{text}%",)).fetchall()]
