# kind: rule
# why: answers 304 with the ETag alone and drops the app's other headers (Cache-Control, Vary), which the task says a 304 keeps: a cache that revalidates takes its new caching rules from them
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
        sent = [part.strip().removeprefix("W/") for part in
                environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if tag in sent or "*" in sent:
            start_response("304 Not Modified", [("ETag", tag)])
            return []
        start_response(status, headers + [("ETag", tag)])
        return [body]

    return with_etag
