# kind: coincidence
# why: takes the most recently updated article, which is the newest only while no older article is edited (as in the demo data); the hidden check that edits an old article must catch it
def first_article_title(api):
    """Return the newest article's title on the server at ``api``, or None if it has none.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/articles", timeout=5)
    response.raise_for_status()
    articles = response.json()["articles"]
    if not articles:
        return None
    return max(articles, key=lambda article: article["updatedAt"])["title"]
