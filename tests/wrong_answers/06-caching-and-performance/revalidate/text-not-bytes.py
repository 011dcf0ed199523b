# kind: form
# why: returns response.text, a str, where the task asks for the body's bytes
def revalidate(session, url, cache, token=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    kept = cache.get((url, token))
    if kept:
        headers["If-None-Match"] = kept[0]
    response = session.get(url, headers=headers, timeout=5)
    if response.status_code == 304:
        return kept[1]
    response.raise_for_status()
    cache[(url, token)] = (response.headers["ETag"], response.text)
    return response.text
