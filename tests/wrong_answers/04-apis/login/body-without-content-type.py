# kind: form
# why: the body is JSON text sent with data=, so it goes without Content-Type: application/json; the Content-Type check must catch it
def login(api, email, password):
    """Log in to the API at ``api``; return the user's token, or raise ApiError."""
    credentials = {"user": {"email": email, "password": password}}
    response = requests.post(f"{api}/users/login", data=json.dumps(credentials), timeout=5)
    return check(response)["user"]["token"]
