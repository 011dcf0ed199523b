# kind: form
# why: the article goes as JSON text with data=, without Content-Type: application/json; the Content-Type check must catch it
def publish(api, email, password, title, description, body, tags=()):
    """Log in as ``email`` and publish an article; return its slug, or raise ApiError."""
    token = login(api, email, password)
    new_article = {"article": {"title": title, "description": description, "body": body,
                               "tagList": list(tags)}}
    headers = {"Authorization": f"Token {token}"}
    response = requests.post(f"{api}/articles", data=json.dumps(new_article), headers=headers,
                             timeout=5)
    return check(response)["article"]["slug"]
