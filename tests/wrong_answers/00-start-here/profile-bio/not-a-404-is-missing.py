# kind: rule
# why: reads any status but 200 as "no such user", though only a 404 says so; the visible check on a server answering 500 must demand requests.HTTPError
from urllib.parse import quote


def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/profiles/{quote(username, safe='')}", timeout=5)
    if response.status_code != 200:
        raise LookupError(f"no user called {username!r}")
    return response.json()["profile"]["bio"]
