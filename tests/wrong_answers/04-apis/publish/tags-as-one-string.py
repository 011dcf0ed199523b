# kind: form
# why: sends the tags as one comma-separated str, not a JSON list, so the server refuses with 422; the first publish check must say so
def publish(api, email, password, title, description, body, tags=()):
    """Log in as ``email`` and publish an article; return its slug, or raise ApiError."""
    token = login(api, email, password)
    new_article = {"article": {"title": title, "description": description, "body": body,
                               "tagList": ",".join(tags)}}
    headers = {"Authorization": f"Token {token}"}
    response = requests.post(f"{api}/articles", json=new_article, headers=headers, timeout=5)
    return check(response)["article"]["slug"]
