# kind: rule
# why: CREATE INDEX without IF NOT EXISTS fails when speed_up runs a second time, although it must then do nothing; the hidden second run must catch it
AUTHOR_PAGE = "SELECT id, title FROM article WHERE author_id = ? ORDER BY created_at DESC LIMIT 10"
LOGIN = 'SELECT id FROM "user" WHERE lower(email) = ?'


def query_plan(connection, sql, params=()):
    """The detail column of EXPLAIN QUERY PLAN for ``sql``, one str per step."""
    return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def speed_up(connection):
    """Create the indexes that turn AUTHOR_PAGE and LOGIN into searches."""
    connection.execute("CREATE INDEX article_author_id_created_at ON article (author_id, created_at)")
    connection.execute('CREATE INDEX user_lower_email ON "user" (lower(email))')
