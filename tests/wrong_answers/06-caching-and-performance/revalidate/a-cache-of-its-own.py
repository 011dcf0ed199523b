# kind: rule
# why: ignores the cache the caller passes and keeps one of its own for the whole notebook, so a caller's new, empty cache still revalidates: the caller's cache must be the only one
KEPT = {}


def revalidate(session, url, cache, token=None):
    key = (url, token)
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = KEPT.get(key)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304 and kept:
        return kept["body"]
    response.raise_for_status()
    KEPT[key] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
