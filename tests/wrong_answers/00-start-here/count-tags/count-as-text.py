# kind: form
# why: the right count as a str ("12") instead of an int; the visible type check must catch it
def count_tags(api):
    """Return how many tags the server at ``api`` knows.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/tags", timeout=5)
    response.raise_for_status()
    return str(len(response.json()["tags"]))
