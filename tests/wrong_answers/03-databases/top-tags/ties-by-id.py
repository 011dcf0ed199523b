# kind: coincidence
# why: breaks ties by the tag's id, the order the demo created them in, not by name; the tie between caching and graphql must catch it
def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    rows = connection.execute("""
        SELECT tag.name, COUNT(*) AS uses
          FROM tag JOIN articletag ON articletag.tag_id = tag.id
         GROUP BY tag.id
         ORDER BY uses DESC, tag.id
         LIMIT ?""", (limit,))
    return [(name, uses) for name, uses in rows]
