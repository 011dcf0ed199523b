# kind: coincidence
# why: finds the private answers by words in the path ("user", "login", "feed"), which fits the example's paths but also catches a profile named login, an article slugged users-guide-to-etags, and the comments of an article slugged feed
def cache_policy(method, path, token, status):
    if status >= 400 or method not in ("GET", "HEAD"):
        return {"Cache-Control": "no-store"}
    if path == "/api/user":
        return {"Cache-Control": "no-store", "Vary": "Authorization"}
    if "user" in path or "login" in path:
        return {"Cache-Control": "no-store"}
    if "feed" in path:
        return {"Cache-Control": "private, no-cache", "Vary": "Authorization"}
    if path in ("/api/openapi.json", "/api/docs"):
        return {"Cache-Control": "public, max-age=300"}
    if path.startswith(("/api/tags", "/api/articles", "/api/profiles/")):
        control = "private, no-cache" if token else "public, max-age=0, s-maxage=30"
        return {"Cache-Control": control, "Vary": "Authorization"}
    return {"Cache-Control": "no-store"}
