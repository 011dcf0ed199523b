# kind: rule
# why: calls requests.get instead of session.get, so the caller's session (its headers, cookies and open connections) is never used; the task says to GET through the session it is given
def revalidate(session, url, cache, token=None):
    """The body of ``url`` (bytes), revalidated with the ETag kept in ``cache`` when there
    is one, so that an unchanged answer comes back as a 304 with no body."""
    key = (url, token)
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Token {token}"
    kept = cache.get(key)
    if kept is not None:
        headers["If-None-Match"] = kept["etag"]
    response = requests.get(url, headers=headers, timeout=10)
    if response.status_code == 304 and kept is not None:
        return kept["body"]
    if response.status_code != 200:
        response.raise_for_status()
        raise requests.HTTPError(f"{response.status_code} for {url}", response=response)
    tag = response.headers.get("ETag")
    if tag is not None:
        cache[key] = {"etag": tag, "body": response.content}
    else:
        cache.pop(key, None)
    return response.content
