# kind: rule
# why: uses check on the first page only, so an error on a later page is never raised as ApiError; the check of a failing second page must catch it
def article_titles(api, tag):
    """The titles of every article with ``tag`` on the server at ``api``, newest first."""
    params = {"tag": tag, "limit": 100, "offset": 0}
    page = check(requests.get(f"{api}/articles", params=params, timeout=5))
    titles, count = [article["title"] for article in page["articles"]], page["articlesCount"]
    while len(titles) < count:
        params["offset"] = len(titles)
        page = requests.get(f"{api}/articles", params=params, timeout=5).json()
        titles += [article["title"] for article in page.get("articles", [])]
        if not page.get("articles"):
            break
    return titles
