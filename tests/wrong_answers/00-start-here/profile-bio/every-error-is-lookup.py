# kind: catch-all
# why: turns every failure, a broken server included, into "no such user"; the visible check on a server answering 500 must demand requests.HTTPError
from urllib.parse import quote


def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    try:
        response = requests.get(f"{api}/profiles/{quote(username, safe='')}", timeout=5)
        return response.json()["profile"]["bio"]
    except Exception:
        raise LookupError(f"no user called {username!r}")
