# kind: coincidence
# why: makes the slug from the title, which matches the server's only while no two titles are alike; the same-title check must catch it
import re


def publish(api, email, password, title, description, body, tags=()):
    """Log in as ``email`` and publish an article; return its slug, or raise ApiError."""
    token = login(api, email, password)
    new_article = {"article": {"title": title, "description": description, "body": body,
                               "tagList": list(tags)}}
    headers = {"Authorization": f"Token {token}"}
    check(requests.post(f"{api}/articles", json=new_article, headers=headers, timeout=5))
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
