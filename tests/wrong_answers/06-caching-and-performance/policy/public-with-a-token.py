# kind: rule
# why: makes every public read public, token or not, so a shared cache may keep the answer that shows one reader's favorites and follows and give it to everyone
PUBLIC = ("/api/tags", "/api/articles", "/api/articles/", "/api/profiles/")


def cache_policy(method, path, token, status):
    if status >= 400 or method not in ("GET", "HEAD"):
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
        return {"Cache-Control": "public, max-age=0, s-maxage=30", "Vary": "Authorization"}
    if path in ("/api/openapi.json", "/api/docs"):
        return {"Cache-Control": "public, max-age=300"}
    return {"Cache-Control": "no-store"}
