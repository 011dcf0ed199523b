# kind: rule
# why: logs in as each demo user with the demo password until one has the id, which is no forgery; the users whose passwords nobody knows must catch it
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    for name in ["alice", "bob", "carol", "dave", "erin",
                 "frank", "grace", "heidi", "ivan", "judy"]:
        credentials = {"user": {"email": f"{name}@example.com", "password": "conduit-demo"}}
        response = requests.post(f"{api}/users/login", json=credentials, timeout=5)
        if response.ok:
            token = response.json()["user"]["token"]
            if jwt.decode(token, options={"verify_signature": False})["sub"] == str(user_id):
                return token
    return None
