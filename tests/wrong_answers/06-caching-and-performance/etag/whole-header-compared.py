# kind: rule
# why: compares the whole If-None-Match header with the tag, so a list of tags, a W/ prefix or * never matches, though the task states all three
def etag(app):
    def with_etag(environ, start_response):
        answered, written = {}, []

        def keep(status, headers, exc_info=None):
            answered.update(status=status, headers=list(headers))
            return written.append

        result = app(environ, keep)
        rest = b"".join(result)
        body = b"".join(written) + rest
        status, headers = answered["status"], answered["headers"]
        if environ["REQUEST_METHOD"] != "GET" or not status.startswith("200"):
            start_response(status, headers)
            return [body]
        tag = '"' + hashlib.sha256(body).hexdigest() + '"'
        if environ.get("HTTP_IF_NONE_MATCH") == tag:
            kept = [(name, value) for name, value in headers
                    if name.lower() not in ("content-type", "content-length")]
            start_response("304 Not Modified", kept + [("ETag", tag)])
            return []
        start_response(status, headers + [("ETag", tag)])
        return [body]

    return with_etag
