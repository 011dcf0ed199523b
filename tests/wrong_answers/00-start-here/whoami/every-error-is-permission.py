# kind: catch-all
# why: turns every failure, a broken server included, into PermissionError; the visible check on a server answering 500 to a valid token must demand requests.HTTPError
def whoami(api, token):
    """Return the username that ``token`` belongs to on the server at ``api``.

    Raises PermissionError if the server refuses the token (401), and
    requests.HTTPError for any other error the server answers with.
    """
    try:
        response = requests.get(f"{api}/user", headers={"Authorization": f"Token {token}"},
                                timeout=5)
        return response.json()["user"]["username"]
    except Exception:
        raise PermissionError("the server refused the token")
