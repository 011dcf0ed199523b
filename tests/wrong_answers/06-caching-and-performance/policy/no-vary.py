# kind: rule
# why: never sends Vary: Authorization, so a cache that kept an anonymous answer may hand it to a reader with a token, and the other way round
def cache_policy(method, path, token, status):
    if status >= 400 or method not in ("GET", "HEAD"):
        return {"Cache-Control": "no-store"}
    if path in ("/api/user", "/api/users", "/api/users/login"):
        return {"Cache-Control": "no-store"}
    if path == "/api/articles/feed":
        return {"Cache-Control": "private, no-cache"}
    parts = path.split("/")
    if path in ("/api/tags", "/api/articles") or (
            len(parts) == 4 and parts[2] in ("articles", "profiles")) or (
            len(parts) == 5 and parts[2] == "articles" and parts[4] == "comments"):
        control = "private, no-cache" if token else "public, max-age=0, s-maxage=30"
        return {"Cache-Control": control}
    if path in ("/api/openapi.json", "/api/docs"):
        return {"Cache-Control": "public, max-age=300"}
    return {"Cache-Control": "no-store"}
