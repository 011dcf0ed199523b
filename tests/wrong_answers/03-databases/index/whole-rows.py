# kind: form
# why: query_plan returns the whole rows of EXPLAIN QUERY PLAN, (id, parent, notused, detail) tuples, instead of the detail of each as a str; the type check must catch it
AUTHOR_PAGE = "SELECT id, title FROM article WHERE author_id = ? ORDER BY created_at DESC LIMIT 10"
LOGIN = 'SELECT id FROM "user" WHERE lower(email) = ?'


def query_plan(connection, sql, params=()):
    """The detail column of EXPLAIN QUERY PLAN for ``sql``, one str per step."""
    return connection.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()


def speed_up(connection):
    """Create the indexes that turn AUTHOR_PAGE and LOGIN into searches."""
    connection.execute("CREATE INDEX IF NOT EXISTS article_author_id_created_at"
                       " ON article (author_id, created_at)")
    connection.execute('CREATE INDEX IF NOT EXISTS user_lower_email ON "user" (lower(email))')
