# kind: rule
# why: runs the migration with the short form migrate(...), foreign keys on, so rebuilding article for NOT NULL cascades and empties articletag, favorite and comment; the row-count check must catch it
from playhouse.migrate import migrate


def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    if "word_count" in [column.name for column in database.get_columns("article")]:
        return
    migrator = SqliteMigrator(database)
    word_count = peewee.IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    migrate(migrator.add_column("article", "word_count", word_count))
    for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
        database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                             (len(body.split()), article_id))
