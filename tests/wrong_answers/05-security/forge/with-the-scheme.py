# kind: form
# why: returns the header value "Token <jwt>" instead of the token itself
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    claims = {"sub": str(user_id), "exp": int(time.time()) + 3600}
    return "Token " + jwt.encode(claims, None, algorithm="none")
