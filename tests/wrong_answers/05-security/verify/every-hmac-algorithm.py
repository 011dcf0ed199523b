# kind: rule
# why: accepts HS384 and HS512 as well as HS256, though the statement says HS256 and no other algorithm
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    return jwt.decode(token, secret_key, algorithms=["HS256", "HS384", "HS512"],
                      options={"require": ["exp", "sub"]})
