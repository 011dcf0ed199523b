# kind: rule
# why: decides by method and path alone, so a 404 or a 500 to an anonymous public read is public and a CDN keeps the error for 30 seconds; rule 1 makes every error no-store
def cache_policy(method, path, token, status):
    if method not in ("GET", "HEAD"):
        return {"Cache-Control": "no-store"}
    if path == "/api/user":
        return {"Cache-Control": "no-store", "Vary": "Authorization"}
    if path in ("/api/user", "/api/users", "/api/users/login"):
        return {"Cache-Control": "no-store"}
    if path == "/api/articles/feed":
        return {"Cache-Control": "private, no-cache", "Vary": "Authorization"}
    parts = path.split("/")
    if path in ("/api/tags", "/api/articles") or (
            len(parts) == 4 and parts[2] in ("articles", "profiles")) or (
            len(parts) == 5 and parts[2] == "articles" and parts[4] == "comments"):
        control = "private, no-cache" if token else "public, max-age=0, s-maxage=30"
        return {"Cache-Control": control, "Vary": "Authorization"}
    if path in ("/api/openapi.json", "/api/docs"):
        return {"Cache-Control": "public, max-age=300"}
    return {"Cache-Control": "no-store"}
