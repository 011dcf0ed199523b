# kind: catch-all
# why: returns the titles gathered so far on any error instead of raising ApiError; the check of an error answer must catch it
def article_titles(api, tag):
    """The titles of every article with ``tag`` on the server at ``api``, newest first."""
    titles, offset = [], 0
    try:
        while True:
            params = {"tag": tag, "limit": 100, "offset": offset}
            page = check(requests.get(f"{api}/articles", params=params, timeout=5))
            titles += [article["title"] for article in page["articles"]]
            offset += 100
            if offset >= page["articlesCount"]:
                return titles
    except Exception:
        return titles
