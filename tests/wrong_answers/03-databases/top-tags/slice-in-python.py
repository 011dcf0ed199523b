# kind: rule
# why: asks the database for every tag and cuts the list in Python, so limit never reaches the SQL as a parameter; the check that records the statements run must catch it
def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    rows = connection.execute("""
        SELECT tag.name, COUNT(*) AS uses
          FROM tag JOIN articletag ON articletag.tag_id = tag.id
         GROUP BY tag.id
         ORDER BY uses DESC, tag.name""").fetchall()
    return [(name, uses) for name, uses in rows][:limit]
