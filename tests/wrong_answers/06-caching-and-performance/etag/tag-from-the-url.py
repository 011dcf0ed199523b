# kind: coincidence
# why: makes the tag from the URL, which differs between the example's two notes, but stays the same when a note is changed, so clients are told a changed page is unchanged
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
        tag = '"' + hashlib.sha256(environ["PATH_INFO"].encode("latin-1")).hexdigest() + '"'
        sent = [part.strip().removeprefix("W/") for part in
                environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if tag in sent or "*" in sent:
            kept = [(name, value) for name, value in headers
                    if name.lower() not in ("content-type", "content-length")]
            start_response("304 Not Modified", kept + [("ETag", tag)])
            return []
        start_response(status, headers + [("ETag", tag)])
        return [body]

    return with_etag
