# kind: rule
# why: writes no exp claim, though the twin's own tokens have one and the twin requires it
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    return jwt.encode({"sub": str(user_id)}, "any key will do, nobody checks", algorithm="HS256")
