# kind: rule
# why: matches a slug with [^/]*, which also takes an empty one, so /api/articles/ and /api/articles//comments become public reads; the task says an empty segment makes the path none of the listed ones
NO_STORE = {"Cache-Control": "no-store"}
PERSONAL = {"Cache-Control": "private, no-cache", "Vary": "Authorization"}
SHARED = {"Cache-Control": "public, max-age=0, s-maxage=30", "Vary": "Authorization"}
DOCS_POLICY = {"Cache-Control": "public, max-age=300"}
ACCOUNT_PATHS = {"/api/user", "/api/users", "/api/users/login"}
PUBLIC_READS = [r"/api/tags", r"/api/articles", r"/api/articles/[^/]*",
                r"/api/articles/[^/]*/comments", r"/api/profiles/[^/]*"]


def is_public_read(path):
    return any(re.fullmatch(pattern, path) for pattern in PUBLIC_READS)


def cache_policy(method, path, token, status):
    """The Cache-Control (and, where the answer depends on the token, Vary) headers of the
    answer ``status`` to ``method path`` from a reader holding ``token`` (or None)."""
    if status >= 400 or method not in ("GET", "HEAD"):
        return dict(NO_STORE)
    if path in ACCOUNT_PATHS:
        if path == "/api/user":
            return {"Cache-Control": "no-store", "Vary": "Authorization"}
        return dict(NO_STORE)
    if path == "/api/articles/feed":
        return dict(PERSONAL)
    if is_public_read(path):
        return dict(PERSONAL if token else SHARED)
    if path in ("/api/openapi.json", "/api/docs"):
        return dict(DOCS_POLICY)
    return dict(NO_STORE)
