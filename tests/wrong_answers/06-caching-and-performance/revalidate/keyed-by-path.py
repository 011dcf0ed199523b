# kind: coincidence
# why: keys the cache by the URL's path without its query, which works while every URL has no query; /articles?page=1 and ?page=2 then share one entry and revalidate each other's tag, so every GET is a 200
from urllib.parse import urlsplit


def revalidate(session, url, cache, token=None):
    key = (urlsplit(url).path, token)
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = cache.get(key)
    if kept:
        headers["If-None-Match"] = kept["etag"]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304 and kept:
        return kept["body"]
    response.raise_for_status()
    cache[key] = {"etag": response.headers["ETag"], "body": response.content}
    return response.content
