# kind: coincidence
# why: reads the status before joining the body, with 200 OK as a default, which is right for Bottle and for a generator that answers 200, but tags a generator's 206 or 404
def etag(app):
    def tagged_app(environ, start_response):
        captured = {"status": "200 OK", "headers": []}
        def keep(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(headers)
        result = app(environ, keep)
        status = captured["status"]
        body = b"".join(result)
        headers = captured["headers"]
        if environ["REQUEST_METHOD"] == "GET" and status.startswith("200"):
            tag = '"' + hashlib.sha256(body).hexdigest() + '"'
            headers.append(("ETag", tag))
            sent = environ.get("HTTP_IF_NONE_MATCH", "")
            if sent.strip() == "*" or tag in [t.strip().removeprefix("W/") for t in sent.split(",")]:
                headers = [(n, v) for n, v in headers if n.lower() not in ("content-length", "content-type")]
                start_response("304 Not Modified", headers)
                return [b""]
        start_response(captured["status"], headers)
        return [body]
    return tagged_app
