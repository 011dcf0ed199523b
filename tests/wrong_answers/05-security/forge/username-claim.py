# kind: rule
# why: names the user in a claim of its own invention ("user_id") instead of the form the twin writes ("sub"), so the twin finds no user
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    claims = {"user_id": str(user_id), "exp": int(time.time()) + 3600}
    return jwt.encode(claims, None, algorithm="none")
