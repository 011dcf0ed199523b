# kind: coincidence
# why: reads the status before joining the body, which works for Bottle (it calls start_response before returning) but fails for any app written as a generator, which calls it only when its body is first asked for
def etag(app):
    def with_etag(environ, start_response):
        answered = {}

        def keep(status, headers, exc_info=None):
            answered.update(status=status, headers=list(headers))

        result = app(environ, keep)
        status, headers = answered["status"], answered["headers"]
        body = b"".join(result)
        if environ["REQUEST_METHOD"] != "GET" or not status.startswith("200"):
            start_response(status, headers)
            return [body]
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
