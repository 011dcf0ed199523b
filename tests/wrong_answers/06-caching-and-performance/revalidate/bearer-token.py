# kind: form
# why: sends the token as "Authorization: Bearer <token>", where Conduit's scheme is "Token <token>"
def revalidate(session, url, cache, token=None):
    key = (url, token)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    kept = cache.get(key)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304 and kept:
        return kept["body"]
    response.raise_for_status()
    cache[key] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
