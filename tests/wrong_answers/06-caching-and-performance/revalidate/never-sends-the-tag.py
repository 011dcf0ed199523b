# kind: rule
# why: keeps every ETag and body but never sends If-None-Match, so every GET is a full 200 and the cache saves nothing; the origin's count of 304s must catch it
def revalidate(session, url, cache, token=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    response = session.get(url, headers=headers, timeout=5)
    response.raise_for_status()
    cache[(url, token)] = {"etag": response.headers.get("ETag"), "body": response.content}
    return response.content
