# kind: rule
# why: tags every answer, whatever its method and status, so a 404 and a PUT get an ETag, and If-None-Match: * turns a 404 into a 304
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
        tag = '"' + hashlib.sha256(body).hexdigest() + '"'
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
