# kind: rule
# why: a blacklist that strips "' OR" (in any case) before pasting the text into the SQL; the UNION attack has no OR in it and still leaks the secret
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    for banned in ["' OR", "' or", "' Or", "' oR"]:
        text = text.replace(banned, "")
    sql = f"SELECT slug, title FROM article WHERE title LIKE '%{text}%' ORDER BY id"
    return db.execute_sql(sql).fetchall()
