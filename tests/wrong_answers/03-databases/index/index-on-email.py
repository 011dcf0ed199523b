# kind: coincidence
# why: indexes email itself, which the demo's lower-case emails make look enough, but lower(email) = ? cannot use it and LOGIN still scans the table; the plan check of LOGIN must catch it
AUTHOR_PAGE = "SELECT id, title FROM article WHERE author_id = ? ORDER BY created_at DESC LIMIT 10"
LOGIN = 'SELECT id FROM "user" WHERE lower(email) = ?'


def query_plan(connection, sql, params=()):
    """The detail column of EXPLAIN QUERY PLAN for ``sql``, one str per step."""
    return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def speed_up(connection):
    """Create the indexes that turn AUTHOR_PAGE and LOGIN into searches."""
    connection.execute("CREATE INDEX IF NOT EXISTS article_author_id_created_at"
                       " ON article (author_id, created_at)")
    connection.execute('CREATE INDEX IF NOT EXISTS user_email ON "user" (email)')
