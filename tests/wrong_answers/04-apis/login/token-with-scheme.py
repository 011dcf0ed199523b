# kind: form
# why: returns the header value "Token <jwt>" instead of the token itself; the check that uses the token in a header must catch it
def login(api, email, password):
    """Log in to the API at ``api``; return the user's token, or raise ApiError."""
    credentials = {"user": {"email": email, "password": password}}
    response = requests.post(f"{api}/users/login", json=credentials, timeout=5)
    return f"Token {check(response)['user']['token']}"
