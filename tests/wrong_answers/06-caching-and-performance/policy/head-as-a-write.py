# kind: rule
# why: takes only GET for a read, so a HEAD (a GET without the body, which caches and monitors send) is no-store; rule 1 names GET and HEAD both
def cache_policy(method, path, token, status):
    if status >= 400 or method != "GET":
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
