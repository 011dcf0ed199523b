# kind: rule
# why: checks exp when a token has one, but accepts a genuine token without exp, which never expires
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    return jwt.decode(token, secret_key, algorithms=["HS256"])
