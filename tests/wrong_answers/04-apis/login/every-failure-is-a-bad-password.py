# kind: catch-all
# why: turns every failure into a 422 "email or password is invalid", hiding the server's real status and message; the checks of a blank password and a 503 must catch it
def login(api, email, password):
    """Log in to the API at ``api``; return the user's token, or raise ApiError."""
    credentials = {"user": {"email": email, "password": password}}
    try:
        response = requests.post(f"{api}/users/login", json=credentials, timeout=5)
        return check(response)["user"]["token"]
    except Exception as error:
        raise ApiError(422, ["email or password is invalid"]) from error
