# kind: rule
# why: counts after sorting the given lists in place, changing the caller's data; the check that make_tags_app leaves its argument as it was must catch it
def make_tags_app(tag_lists):
    """A WSGI app answering /api/tags for these articles' tags, as the reference server does."""
    uses = {}
    for tags in tag_lists:
        tags.sort()
        for index, tag in enumerate(tags):
            if index == 0 or tags[index - 1] != tag:
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
