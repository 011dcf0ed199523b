# kind: catch-all
# why: refuses every token, genuine ones too, so no forgery gets in and no user either
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    raise jwt.InvalidTokenError("tokens are not accepted")
