# kind: coincidence
# why: Counter.most_common leaves tied tags in the order first seen, not alphabetical; right only when the data has no ties out of order; the check where a, b, c, d tie must catch it
from collections import Counter


def make_tags_app(tag_lists):
    """A WSGI app answering /api/tags for these articles' tags, as the reference server does."""
    counts = Counter(tag for tags in tag_lists for tag in set(tags))
    ordered = [tag for tag, _ in counts.most_common()]

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
