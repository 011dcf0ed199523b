# kind: form
# why: declares word_count as TEXT, so every count is stored and read back as a str ('11', not 11); the check of the values' type must catch it
def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    if "word_count" in [column.name for column in database.get_columns("article")]:
        return
    database.execute_sql("ALTER TABLE article ADD COLUMN word_count TEXT NOT NULL DEFAULT 0")
    with database.atomic():
        for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
            database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                                 (len(body.split()), article_id))
