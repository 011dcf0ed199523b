# kind: form
# why: sends the bare token as the Authorization header, without "Token ", so the server refuses alice's own token; the visible check on alice's token must catch it
def whoami(api, token):
    """Return the username that ``token`` belongs to on the server at ``api``.

    Raises PermissionError if the server refuses the token (401), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/user", headers={"Authorization": token}, timeout=5)
    if response.status_code == 401:
        raise PermissionError(response.json()["errors"]["body"][0])
    response.raise_for_status()
    return response.json()["user"]["username"]
