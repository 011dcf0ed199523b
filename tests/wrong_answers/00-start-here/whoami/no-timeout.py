# kind: rule
# why: sends its request without timeout=, which the assignment requires of every request; the visible check of the requests sent must catch it
def whoami(api, token):
    """Return the username that ``token`` belongs to on the server at ``api``.

    Raises PermissionError if the server refuses the token (401), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/user", headers={"Authorization": f"Token {token}"})
    if response.status_code == 401:
        raise PermissionError(response.json()["errors"]["body"][0])
    response.raise_for_status()
    return response.json()["user"]["username"]
