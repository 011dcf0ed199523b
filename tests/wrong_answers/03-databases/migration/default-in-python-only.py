# kind: rule
# why: gives word_count a default only in Python (default=0), not in the database, so code that does not know the column can no longer insert articles; the check that creates an article with the server's model must catch it
def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    if "word_count" in [column.name for column in database.get_columns("article")]:
        return
    migrator = SqliteMigrator(database)
    with migrator.migration_context():
        migrator.migrate(migrator.add_column("article", "word_count",
                                             peewee.IntegerField(default=0)))
    with database.atomic():
        for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
            database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                                 (len(body.split()), article_id))
