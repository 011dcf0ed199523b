# kind: catch-all
# why: falls back to the kept copy on any error, so a deleted article (404) still comes back as if unchanged instead of raising requests.HTTPError
def revalidate(session, url, cache, token=None):
    key = (url, token)
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = cache.get(key)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    try:
        response = session.get(url, headers=headers, timeout=5)
        if response.status_code == 304 and kept:
            return kept["body"]
        response.raise_for_status()
    except requests.RequestException:
        if kept:
            return kept["body"]
        raise
    cache[key] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
