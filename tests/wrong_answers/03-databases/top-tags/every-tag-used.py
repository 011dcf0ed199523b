# kind: coincidence
# why: a LEFT JOIN keeps tags no article uses, with a count of 0; every demo tag is used, so only a database with an unused tag (hidden checks) shows it
def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    rows = connection.execute("""
        SELECT tag.name, COUNT(articletag.tag_id) AS uses
          FROM tag LEFT JOIN articletag ON articletag.tag_id = tag.id
         GROUP BY tag.id
         ORDER BY uses DESC, tag.name
         LIMIT ?""", (limit,))
    return [(name, uses) for name, uses in rows]
