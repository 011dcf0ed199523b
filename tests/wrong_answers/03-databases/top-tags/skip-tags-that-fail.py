# kind: catch-all
# why: counts each tag with its name pasted into the SQL and skips any tag whose query fails, so a used tag named with a quote silently drops out; the hidden check with such a tag must catch it (the limit check does too: it cuts the list in Python)
import sqlite3


def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    counts = []
    for name, in connection.execute("SELECT name FROM tag").fetchall():
        try:
            (uses,) = connection.execute(
                "SELECT COUNT(*) FROM articletag JOIN tag ON tag.id = articletag.tag_id"
                f" WHERE tag.name = '{name}'").fetchone()
        except sqlite3.Error:
            continue  # a tag that cannot be counted is left out
        if uses:
            counts.append((name, uses))
    counts.sort(key=lambda item: (-item[1], item[0]))
    return counts[:limit]
