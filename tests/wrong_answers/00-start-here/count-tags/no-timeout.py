# kind: rule
# why: sends its request without timeout=, which the assignment requires of every request; the visible check of the requests sent must catch it
def count_tags(api):
    """Return how many tags the server at ``api`` knows.

    Raises requests.HTTPError if the server answers with an error.
    """
    response = requests.get(f"{api}/tags")
    response.raise_for_status()
    return len(response.json()["tags"])
