# kind: form
# why: declares word_count as a REAL (FloatField), so the counts come back as 11.0, not the int 11; the check of the values' type must catch it
def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    if "word_count" in [column.name for column in database.get_columns("article")]:
        return
    migrator = SqliteMigrator(database)
    word_count = peewee.FloatField(default=0, constraints=[SQL("DEFAULT 0")])
    with migrator.migration_context():
        migrator.migrate(migrator.add_column("article", "word_count", word_count))
    with database.atomic():
        for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
            database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                                 (len(body.split()), article_id))
