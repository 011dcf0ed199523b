# kind: rule
# why: asks for 1000 a page although the API allows 1 to 100, so the server refuses with 422; the first check must say so
def article_titles(api, tag):
    """The titles of every article with ``tag`` on the server at ``api``, newest first."""
    params = {"tag": tag, "limit": 1000, "offset": 0}
    page = check(requests.get(f"{api}/articles", params=params, timeout=5))
    return [article["title"] for article in page["articles"]]
