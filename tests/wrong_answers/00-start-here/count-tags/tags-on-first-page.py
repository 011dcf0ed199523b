# kind: coincidence
# why: counts the tags of the first page of articles, which holds every tag only in the demo data; the hidden check with a tag used only beyond the first page must catch it
def count_tags(api):
    """Return how many tags the server at ``api`` knows.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/articles", timeout=5)
    response.raise_for_status()
    tags = set()
    for article in response.json()["articles"]:
        tags.update(article["tagList"])
    return len(tags)
