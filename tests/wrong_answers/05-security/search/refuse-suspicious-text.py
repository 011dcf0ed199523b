# kind: catch-all
# why: answers 403 to any search with a quote or a SQL word in it, which blocks the attacks and every honest search for such a title too
import bottle


def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    if "'" in text or any(word in text.lower().split() for word in ("or", "union", "select")):
        raise bottle.HTTPResponse('{"errors": {"body": ["forbidden"]}}', 403)
    sql = "SELECT slug, title FROM article WHERE title LIKE ? ORDER BY id"
    return db.execute_sql(sql, (f"%{text}%",)).fetchall()
