# kind: catch-all
# why: removes every quote from the text, which stops the attacks and also every search for a title with a quote in it ("O'Brien")
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    text = text.replace("'", "")
    sql = f"SELECT slug, title FROM article WHERE title LIKE '%{text}%' ORDER BY id"
    return db.execute_sql(sql).fetchall()
