# kind: rule
# why: keeps only the first answer's tag and body and never replaces them, so once the page changes every GET is a full 200 again; on a 200 the new answer must be kept
def revalidate(session, url, cache, token=None):
    key = (url, token)
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = cache.get(key)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304 and kept:
        return kept["body"]
    response.raise_for_status()
    cache.setdefault(key, {"etag": response.headers["ETag"], "body": response.content})
    return response.content
