# kind: rule
# why: answers 304 with all of the 200's headers, Content-Type and Content-Length of a body it does not send included; the task says a 304 has neither
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
        headers = headers + [("ETag", tag)]
        sent = [part.strip().removeprefix("W/") for part in
                environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if tag in sent or "*" in sent:
            start_response("304 Not Modified", headers)
            return []
        start_response(status, headers)
        return [body]

    return with_etag
