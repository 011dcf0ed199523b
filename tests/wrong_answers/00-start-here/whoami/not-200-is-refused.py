# kind: rule
# why: reads any status but 200 as a refused token, though only a 401 says so; the visible check on a server answering 500 to a valid token must demand requests.HTTPError
def whoami(api, token):
    """Return the username that ``token`` belongs to on the server at ``api``.

    Raises PermissionError if the server refuses the token (401), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/user", headers={"Authorization": f"Token {token}"},
                            timeout=5)
    if response.status_code != 200:
        raise PermissionError(f"the server answered {response.status_code}")
    return response.json()["user"]["username"]
