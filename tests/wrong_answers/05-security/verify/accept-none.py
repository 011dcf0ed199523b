# kind: rule
# why: lets the token choose: one that says "alg": "none" is read without any signature check, which is the forgery itself
def claims_for(token, secret_key):
    """The claims of ``token`` if it is signed with ``secret_key`` by HS256 and has not
    expired; otherwise raise jwt.InvalidTokenError."""
    if jwt.get_unverified_header(token).get("alg") == "none":
        return jwt.decode(token, options={"verify_signature": False})
    return jwt.decode(token, secret_key, algorithms=["HS256"],
                      options={"require": ["exp", "sub"]})
