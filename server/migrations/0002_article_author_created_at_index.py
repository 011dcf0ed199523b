"""An index on ``article (author_id, created_at)``: an author's articles, newest first.

The list filtered by ``?author=`` and the feed (the articles of the authors one follows) both
ask for some authors' articles, newest first; with this index the database finds them in the
order it shows them, instead of reading every article of those authors and sorting them.

It adds and changes nothing the API shows, so a server of the version before it keeps working
on a database that has it: the "expand" step of an expand-and-contract change, which can be
applied while the old version still serves. It is safe to run again: it makes the index only
when it is missing (MySQL commits each change to the schema at once, so a migration there
cannot be undone by a rollback; it must instead be safe to repeat).
"""

from playhouse.migrate import SchemaMigrator, migrate

TABLE = "article"
COLUMNS = ("author_id", "created_at")
INDEX = "article_author_id_created_at"


def apply(database):
    """Create the index unless it is already there."""
    if INDEX in {index.name for index in database.get_indexes(TABLE)}:
        return
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_index(TABLE, COLUMNS, unique=False))
