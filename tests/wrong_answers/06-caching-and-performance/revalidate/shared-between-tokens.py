# kind: rule
# why: keeps one entry per URL whatever the token, so alice's copy of her feed is revalidated with bob's token (and would be served to him on a 304); one entry per token is a stated rule
def revalidate(session, url, cache, token=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = cache.get(url)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304 and kept:
        return kept["body"]
    response.raise_for_status()
    cache[url] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
