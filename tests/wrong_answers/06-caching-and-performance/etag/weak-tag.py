# kind: form
# why: makes a weak tag, W/"...", where the task asks for a strong one made from the exact bytes
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
        tag = 'W/"' + hashlib.sha256(body).hexdigest() + '"'
        sent = [part.strip() for part in environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if tag in sent or tag[2:] in sent or "*" in sent:
            start_response("304 Not Modified", [("ETag", tag)])
            return []
        start_response(status, headers + [("ETag", tag)])
        return [body]

    return with_etag
