# kind: rule
# why: pastes limit into the SQL with an f-string instead of passing it as a ? parameter; the check that records the statements run must catch it
def top_tags(connection, limit):
    """The ``limit`` most used tags, as (name, number of articles), most used first."""
    rows = connection.execute(f"""
        SELECT tag.name, COUNT(*) AS uses
          FROM tag JOIN articletag ON articletag.tag_id = tag.id
         GROUP BY tag.id
         ORDER BY uses DESC, tag.name
         LIMIT {limit}""")
    return [(name, uses) for name, uses in rows]
