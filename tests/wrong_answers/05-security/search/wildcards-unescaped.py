# kind: rule
# why: leaves % and _ as LIKE's wildcards, so searching for "100%" also finds "100 ways" and "_" finds every title, though the text is to be taken literally
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    sql = "SELECT slug, title FROM article WHERE title LIKE ? ORDER BY id"
    return db.execute_sql(sql, (f"%{text}%",)).fetchall()
