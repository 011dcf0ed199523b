# kind: form
# why: writes sub as the number 2, not the string "2" the twin's own tokens hold, so the twin finds no user
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    claims = {"sub": user_id, "exp": int(time.time()) + 3600}
    return jwt.encode(claims, "any key will do, nobody checks", algorithm="HS256")
