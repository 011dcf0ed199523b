# kind: catch-all
# why: answers None ("no articles") when the server fails, hiding the failure; the visible check on a server answering 500 must demand requests.HTTPError
def first_article_title(api):
    """Return the newest article's title on the server at ``api``, or None if it has none.

    Raises requests.HTTPError if the server answers with an error.
    """
    try:
        response = requests.get(f"{api}/articles", params={"limit": 1}, timeout=5)
        return response.json()["articles"][0]["title"]
    except Exception:
        return None
