# kind: rule
# why: requires exp but not sub, so a genuine token that names no user gives its claims; through the twin it is refused anyway (no user), only a direct call shows it
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    return jwt.decode(token, secret_key, algorithms=["HS256"], options={"require": ["exp"]})
