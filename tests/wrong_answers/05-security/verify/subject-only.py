# kind: form
# why: returns the user id (the sub claim) instead of the dict of claims
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    claims = jwt.decode(token, secret_key, algorithms=["HS256"],
                        options={"require": ["exp", "sub"]})
    return claims["sub"]
