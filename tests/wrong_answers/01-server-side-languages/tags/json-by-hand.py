# kind: form
# why: writes the JSON by hand with quotes around each name, which breaks on a tag or path holding '"' or '\'; the checks with such tags and paths must catch it
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
        if path != "/api/tags":
            status = "404 Not Found"
            text = '{"errors": {"body": ["no such URL: ' + path + '"]}}'
        elif method != "GET":
            status = "405 Method Not Allowed"
            text = '{"errors": {"body": ["' + method + ' is not allowed here; allowed: GET"]}}'
            headers.append(("Allow", "GET"))
        else:
            status = "200 OK"
            text = '{"tags": [' + ", ".join(f'"{tag}"' for tag in ordered) + "]}"
        body = text.encode("utf-8")
        start_response(status, headers + [("Content-Length", str(len(body)))])
        return [body]

    return app
