# kind: rule
# why: escapes quotes by doubling them, which stops these attacks on SQLite but is no parameterised query: the text still goes inside the SQL, which the check of what reaches the database must catch
def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    escaped = text.replace("'", "''")
    sql = f"SELECT slug, title FROM article WHERE title LIKE '%{escaped}%' ORDER BY id"
    return db.execute_sql(sql).fetchall()
