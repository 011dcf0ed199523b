# kind: rule
# why: accepts whatever algorithm the token's own header names, so a token signed with the key by HS512 (or any other) passes, not only HS256
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    algorithm = jwt.get_unverified_header(token)["alg"]
    return jwt.decode(token, secret_key, algorithms=[algorithm],
                      options={"require": ["exp", "sub"]})
