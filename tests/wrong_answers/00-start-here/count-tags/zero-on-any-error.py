# kind: catch-all
# why: answers 0 tags when the server fails, hiding the failure; the visible check on a server answering 500 must demand requests.HTTPError
def count_tags(api):
    """Return how many tags the server at ``api`` knows.

    Raises requests.HTTPError if the server answers with an error.
    """
    try:
        response = requests.get(f"{api}/tags", timeout=5)
        return len(response.json()["tags"])
    except Exception:
        return 0
