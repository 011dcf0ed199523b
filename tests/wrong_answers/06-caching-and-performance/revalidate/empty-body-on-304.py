# kind: form
# why: sends If-None-Match but returns response.content on a 304 too, which is b"": the kept body must be returned
def revalidate(session, url, cache, token=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    if (url, token) in cache:
        headers["If-None-Match"] = cache[(url, token)]["etag"]
    response = session.get(url, headers=headers, timeout=5)
    response.raise_for_status()
    if response.status_code == 200:
        cache[(url, token)] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
