# kind: form
# why: puts the username into the URL unencoded, so 'bob?' asks for bob; the hidden check with a name that needs URL encoding must catch it
def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/profiles/{username}", timeout=5)
    if response.status_code == 404:
        raise LookupError(f"no user called {username!r}")
    response.raise_for_status()
    return response.json()["profile"]["bio"]
