# kind: rule
# why: sends its request without timeout=, which the assignment requires of every request; the visible check of the requests sent must catch it
def first_article_title(api):
    """Return the newest article's title on the server at ``api``, or None if it has none.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/articles", params={"limit": 1})
    response.raise_for_status()
    articles = response.json()["articles"]
    return articles[0]["title"] if articles else None
