# kind: form
# why: sends the hash without the double quotes an entity tag needs (ETag: 5d2f... instead of "5d2f..."), which clients and caches do not take for a tag
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
        tag = hashlib.sha256(body).hexdigest()
        sent = [part.strip().removeprefix("W/") for part in
                environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if tag in sent or "*" in sent:
            start_response("304 Not Modified", [("ETag", tag)])
            return []
        start_response(status, headers + [("ETag", tag)])
        return [body]

    return with_etag
