# kind: catch-all
# why: turns every failure into one made-up 422 message, losing the server's; the checks of the server's messages must catch it
def publish(api, email, password, title, description, body, tags=()):
    """Log in as ``email`` and publish an article; return its slug, or raise ApiError."""
    try:
        token = login(api, email, password)
        new_article = {"article": {"title": title, "description": description, "body": body,
                                   "tagList": list(tags)}}
        headers = {"Authorization": f"Token {token}"}
        response = requests.post(f"{api}/articles", json=new_article, headers=headers, timeout=5)
        return check(response)["article"]["slug"]
    except Exception as error:
        raise ApiError(422, [f"could not publish {title!r}: {error}"]) from error
