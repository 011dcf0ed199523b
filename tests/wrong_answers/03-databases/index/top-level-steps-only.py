# kind: coincidence
# why: query_plan keeps only the steps whose parent is 0, which is every step of the example queries but drops the steps inside a subquery; the hidden check of a query with a subquery must catch it
AUTHOR_PAGE = "SELECT id, title FROM article WHERE author_id = ? ORDER BY created_at DESC LIMIT 10"
LOGIN = 'SELECT id FROM "user" WHERE lower(email) = ?'


def query_plan(connection, sql, params=()):
    """The detail column of EXPLAIN QUERY PLAN for ``sql``, one str per step."""
    return [detail for _, parent, _, detail
            in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params) if parent == 0]


def speed_up(connection):
    """Create the indexes that turn AUTHOR_PAGE and LOGIN into searches."""
    connection.execute("CREATE INDEX IF NOT EXISTS article_author_id_created_at"
                       " ON article (author_id, created_at)")
    connection.execute('CREATE INDEX IF NOT EXISTS user_lower_email ON "user" (lower(email))')
