# kind: form
# why: builds the query string by hand, so a tag with '&', '#', '+' or a space is cut or changed; the check with such tags must catch it
def article_titles(api, tag):
    """The titles of every article with ``tag`` on the server at ``api``, newest first."""
    titles, offset = [], 0
    while True:
        url = f"{api}/articles?tag={tag}&limit=100&offset={offset}"
        page = check(requests.get(url, timeout=5))
        titles += [article["title"] for article in page["articles"]]
        offset += 100
        if offset >= page["articlesCount"]:
            return titles
