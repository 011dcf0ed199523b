# kind: form
# why: a null bio given as "" instead of None; the visible check on alice (no bio) must catch it
from urllib.parse import quote


def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/profiles/{quote(username, safe='')}", timeout=5)
    if response.status_code == 404:
        raise LookupError(f"no user called {username!r}")
    response.raise_for_status()
    return response.json()["profile"]["bio"] or ""
