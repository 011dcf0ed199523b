# kind: coincidence
# why: assumes there is an article, as in the demo data, and crashes with IndexError on an empty server; the hidden check with no articles must say None was due
def first_article_title(api):
    """Return the newest article's title on the server at ``api``, or None if it has none.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/articles", params={"limit": 1}, timeout=5)
    response.raise_for_status()
    return response.json()["articles"][0]["title"]
