# kind: coincidence
# why: returns the demo data's 12 whatever the server holds; the visible check on a failing server and the hidden one on a 3-article server (4 tags) must catch it
def count_tags(api):
    """Return how many tags the server at ``api`` knows.

    Raises requests.HTTPError if the server answers with an error.
    """
    return 12
