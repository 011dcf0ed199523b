# kind: rule
# why: copies a token's form but with an exp that has passed, which the twin checks
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    claims = {"sub": str(user_id), "exp": int(time.time()) - 3600}
    return jwt.encode(claims, "any key will do, nobody checks", algorithm="HS256")
