# kind: rule
# why: a blacklist that removes UNION, SELECT, OR and "--" (ignoring case) once, so "UNIUNIONON" becomes UNION again, and titles with those words ("Union Station or bust") are no longer found
import re


def search(text):
    """``(slug, title)`` of the articles whose title contains ``text``, by a parameterised
    query."""
    text = re.sub(r"(?i)union|select|\bor\b|--", "", text)
    sql = f"SELECT slug, title FROM article WHERE title LIKE '%{text}%' ORDER BY id"
    return db.execute_sql(sql).fetchall()
