# kind: coincidence
# why: takes every path that starts like a public read for one, so GET /api/articles/caching-101/favorite, /api/profiles/alice/follow and /api/tagsx become public too, where the rules give no-store
def cache_policy(method, path, token, status):
    if status >= 400 or method not in ("GET", "HEAD"):
        return {"Cache-Control": "no-store"}
    if path == "/api/user":
        return {"Cache-Control": "no-store", "Vary": "Authorization"}
    if path in ("/api/user", "/api/users", "/api/users/login"):
        return {"Cache-Control": "no-store"}
    if path == "/api/articles/feed":
        return {"Cache-Control": "private, no-cache", "Vary": "Authorization"}
    if path.startswith(("/api/tags", "/api/articles", "/api/profiles/")):
        control = "private, no-cache" if token else "public, max-age=0, s-maxage=30"
        return {"Cache-Control": control, "Vary": "Authorization"}
    if path in ("/api/openapi.json", "/api/docs"):
        return {"Cache-Control": "public, max-age=300"}
    return {"Cache-Control": "no-store"}
