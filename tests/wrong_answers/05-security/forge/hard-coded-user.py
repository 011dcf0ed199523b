# kind: coincidence
# why: always names user 2, the example's bob, whatever user_id it is given
def forge_token(api, user_id):
    """A token that the twin at ``api`` accepts as the user with id ``user_id``."""
    return jwt.encode({"sub": "2", "exp": int(time.time()) + 3600}, None, algorithm="none")
