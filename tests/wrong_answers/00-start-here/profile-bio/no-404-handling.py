# kind: rule
# why: ignores the 404 and crashes with KeyError('profile'), a LookupError by inheritance only; the visible check must report the crash, not accept it or blame the message
from urllib.parse import quote


def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/profiles/{quote(username, safe='')}", timeout=5)
    return response.json()["profile"]["bio"]
