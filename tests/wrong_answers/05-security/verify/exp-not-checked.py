# kind: rule
# why: verifies the signature but not the expiry, so a stolen token works for ever
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    return jwt.decode(token, secret_key, algorithms=["HS256"],
                      options={"verify_exp": False, "require": ["sub"]})
