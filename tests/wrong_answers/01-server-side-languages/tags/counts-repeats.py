# kind: rule
# why: counts a tag once for every time a list names it, though an article counts once for each tag; the check with ["d", "d"] must catch it
def make_tags_app(tag_lists):
    """A WSGI app answering /api/tags for these articles' tags, as the reference server does."""
    uses = {}
    for tags in tag_lists:
        for tag in tags:
            uses[tag] = uses.get(tag, 0) + 1
    ordered = sorted(uses, key=lambda tag: (-uses[tag], tag))

    def app(environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        headers = [("Content-Type", "application/json")]
        if path != "/api/tags":
            status, payload = "404 Not Found", {"errors": {"body": [f"no such URL: {path}"]}}
        elif method != "GET":
            status = "405 Method Not Allowed"
            payload = {"errors": {"body": [f"{method} is not allowed here; allowed: GET"]}}
            headers.append(("Allow", "GET"))
        else:
            status, payload = "200 OK", {"tags": ordered}
        body = json.dumps(payload).encode("utf-8")
        start_response(status, headers + [("Content-Length", str(len(body)))])
        return [body]

    return app
