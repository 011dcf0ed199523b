# kind: coincidence
# why: routes every path that starts with /api/tags to the tags, right only for the exact paths of the examples; the checks with /api/tags/ and /api/tagsx must catch it
def make_tags_app(tag_lists):
    """A WSGI app answering /api/tags for these articles' tags, as the reference server does."""
    uses = {}
    for tags in tag_lists:
        for tag in set(tags):
            uses[tag] = uses.get(tag, 0) + 1
    ordered = sorted(uses, key=lambda tag: (-uses[tag], tag))

    def app(environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        headers = [("Content-Type", "application/json")]
        if not path.startswith("/api/tags"):
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
