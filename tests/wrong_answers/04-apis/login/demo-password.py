# kind: coincidence
# why: sends the demo password whatever it is given (every demo user has it); the wrong-password check must catch it
def login(api, email, password):
    """Log in to the API at ``api``; return the user's token, or raise ApiError."""
    credentials = {"user": {"email": email, "password": "conduit-demo"}}
    response = requests.post(f"{api}/users/login", json=credentials, timeout=5)
    return check(response)["user"]["token"]
