# kind: rule
# why: the request has no timeout=, so a silent server hangs the program; the check that every request passes a timeout must catch it
def login(api, email, password):
    """Log in to the API at ``api``; return the user's token, or raise ApiError."""
    credentials = {"user": {"email": email, "password": password}}
    response = requests.post(f"{api}/users/login", json=credentials)
    return check(response)["user"]["token"]
