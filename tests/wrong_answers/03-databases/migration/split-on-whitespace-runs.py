# kind: coincidence
# why: counts words with re.split(r"\s+"), which agrees with len(body.split()) on the demo bodies but counts an empty word at each end of a body with leading or trailing blanks, and 1 for an empty body; the hidden check of such bodies must catch it
import re


def add_word_count(database):
    """Add article.word_count (NOT NULL, DEFAULT 0), filled with each body's word count."""
    if "word_count" in [column.name for column in database.get_columns("article")]:
        return
    database.execute_sql("ALTER TABLE article ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0")
    with database.atomic():
        for article_id, body in database.execute_sql("SELECT id, body FROM article").fetchall():
            database.execute_sql("UPDATE article SET word_count = ? WHERE id = ?",
                                 (len(re.split(r"\s+", body)), article_id))
