# kind: catch-all
# why: ignores every error of CREATE INDEX (meant for a second run), so an index named like one that already exists (article_author_id) is silently never made and AUTHOR_PAGE still sorts; the plan check must catch it
import sqlite3

AUTHOR_PAGE = "SELECT id, title FROM article WHERE author_id = ? ORDER BY created_at DESC LIMIT 10"
LOGIN = 'SELECT id FROM "user" WHERE lower(email) = ?'


def query_plan(connection, sql, params=()):
    """The detail column of EXPLAIN QUERY PLAN for ``sql``, one str per step."""
    return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def speed_up(connection):
    """Create the indexes that turn AUTHOR_PAGE and LOGIN into searches."""
    for statement in ["CREATE INDEX article_author_id ON article (author_id, created_at)",
                      'CREATE INDEX user_email_lower ON "user" (lower(email))']:
        try:
            connection.execute(statement)
        except sqlite3.Error:
            pass  # already made by an earlier run
