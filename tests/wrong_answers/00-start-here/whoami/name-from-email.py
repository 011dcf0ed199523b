# kind: coincidence
# why: derives the username from the email, which matches only in the demo data (bob@example.com); the hidden check after a rename must catch it
def whoami(api, token):
    """Return the username that ``token`` belongs to on the server at ``api``.

    Raises PermissionError if the server refuses the token (401), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/user", headers={"Authorization": f"Token {token}"},
                            timeout=5)
    if response.status_code == 401:
        raise PermissionError("the server refused the token")
    response.raise_for_status()
    return response.json()["user"]["email"].split("@")[0]
