# kind: coincidence
# why: asks for exactly two pages, as the 106 'bottle' articles need; the check of a tag with more than 200 articles must catch it
def article_titles(api, tag):
    """The titles of every article with ``tag`` on the server at ``api``, newest first."""
    titles = []
    for offset in (0, 100):
        params = {"tag": tag, "limit": 100, "offset": offset}
        page = check(requests.get(f"{api}/articles", params=params, timeout=5))
        titles += [article["title"] for article in page["articles"]]
    return titles
