# kind: form
# why: returns the Cache-Control value as a bare str, not the dict of headers the task asks for
def cache_policy(method, path, token, status):
    if status >= 400 or method not in ("GET", "HEAD"):
        return "no-store"
    if path == "/api/user":
        return {"Cache-Control": "no-store", "Vary": "Authorization"}
    if path in ("/api/user", "/api/users", "/api/users/login"):
        return "no-store"
    if path == "/api/articles/feed":
        return "private, no-cache"
    parts = path.split("/")
    if path in ("/api/tags", "/api/articles") or (
            len(parts) == 4 and parts[2] in ("articles", "profiles")) or (
            len(parts) == 5 and parts[2] == "articles" and parts[4] == "comments"):
        return "private, no-cache" if token else "public, max-age=0, s-maxage=30"
    if path in ("/api/openapi.json", "/api/docs"):
        return "public, max-age=300"
    return "no-store"
