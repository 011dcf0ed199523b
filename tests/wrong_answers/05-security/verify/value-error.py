# kind: form
# why: checks the expiry by hand and raises ValueError, not jwt.InvalidTokenError, for an expired token
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    claims = jwt.decode(token, secret_key, algorithms=["HS256"],
                        options={"verify_exp": False, "require": ["exp", "sub"]})
    if claims["exp"] < time.time():
        raise ValueError("token expired")
    return claims
