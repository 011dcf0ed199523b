# kind: catch-all
# why: looks the request up in a table of (method, path) and turns the KeyError of anything missing into the 404, so a POST to /api/tags is a 404 and not the 405 the task asks for; the 405 checks must catch it
def make_tags_app(tag_lists):
    """A WSGI app answering /api/tags for these articles' tags, as the reference server does."""
    uses = {}
    for tags in tag_lists:
        for tag in set(tags):
            uses[tag] = uses.get(tag, 0) + 1
    ordered = sorted(uses, key=lambda tag: (-uses[tag], tag))
    routes = {("GET", "/api/tags"): lambda: {"tags": ordered}}

    def app(environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        try:
            status, payload = "200 OK", routes[(method, path)]()
        except Exception:
            status, payload = "404 Not Found", {"errors": {"body": [f"no such URL: {path}"]}}
        body = json.dumps(payload).encode("utf-8")
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(body)))])
        return [body]

    return app
