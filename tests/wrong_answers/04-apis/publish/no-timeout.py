# kind: rule
# why: the POST of the article has no timeout=; the check that every request passes a timeout must catch it
def publish(api, email, password, title, description, body, tags=()):
    """Log in as ``email`` and publish an article; return its slug, or raise ApiError."""
    token = login(api, email, password)
    new_article = {"article": {"title": title, "description": description, "body": body,
                               "tagList": list(tags)}}
    headers = {"Authorization": f"Token {token}"}
    response = requests.post(f"{api}/articles", json=new_article, headers=headers)
    return check(response)["article"]["slug"]
