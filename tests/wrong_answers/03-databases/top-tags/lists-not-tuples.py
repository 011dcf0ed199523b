# kind: form
# why: returns each tag as a [name, count] list instead of a (name, count) tuple; the type check of the items must catch it
def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    rows = connection.execute("""
        SELECT tag.name, COUNT(*) AS uses
          FROM tag JOIN articletag ON articletag.tag_id = tag.id
         GROUP BY tag.id
         ORDER BY uses DESC, tag.name
         LIMIT ?""", (limit,))
    return [list(row) for row in rows]
