# kind: rule
# why: tags every 2xx answer, so a 206 Partial Content gets the ETag of a part and If-None-Match can turn it into a 304; the task tags only a 200
def matches(if_none_match, tag):
    """Whether an If-None-Match header matches ``tag`` by weak comparison (RFC 9110)."""
    if if_none_match.strip() == "*":
        return True
    candidates = [part.strip() for part in if_none_match.split(",")]
    return tag in [candidate.removeprefix("W/") for candidate in candidates]


def etag(app):
    """``app``, a WSGI application, with a strong ETag on every 200 answer to a GET, and 304
    Not Modified when the request's If-None-Match matches it."""
    def tagged_app(environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return app(environ, start_response)
        started = []
        written = []

        def keep_start(status, headers, exc_info=None):
            started[:] = [status, list(headers), exc_info]
            return written.append

        result = app(environ, keep_start)
        try:
            body = b"".join(written) + b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers, exc_info = started
        if not status.startswith("2"):
            start_response(status, headers, exc_info)
            return [body]
        tag = '"' + hashlib.sha256(body).hexdigest() + '"'
        headers = [(name, value) for name, value in headers if name.lower() != "etag"]
        headers.append(("ETag", tag))
        if matches(environ.get("HTTP_IF_NONE_MATCH", ""), tag):
            kept = [(name, value) for name, value in headers
                    if name.lower() not in ("content-type", "content-length")]
            start_response("304 Not Modified", kept)
            return [b""]
        start_response(status, headers)
        return [body]
    return tagged_app
