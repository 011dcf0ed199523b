# kind: catch-all
# why: treats any error of ALTER TABLE as "the column is already there" and carries on, so a second run counts the words again and overwrites what the database set since; the second-run check must catch it
def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    try:
        database.execute_sql(
            "ALTER TABLE article ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0")
    except Exception:
        pass  # already migrated
    with database.atomic():
        for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
            database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                                 (len(body.split()), article_id))
