# kind: rule
# why: takes the status and headers before reading the body, so a generator app, which calls start_response only when first iterated, gets a 500; the generator-app check must catch it
def handle(app, raw):
    """Run the WSGI ``app`` on the request in ``raw``; return the response's bytes."""
    text = [("Content-Type", "text/plain; charset=utf-8")]
    try:
        request = parse_request(raw)
    except ValueError:
        return build_response(400, text, "bad request")
    environ = {
        "REQUEST_METHOD": request["method"],
        "SCRIPT_NAME": "",
        "PATH_INFO": urllib.parse.unquote(request["path"], encoding="latin-1"),
        "QUERY_STRING": request["query"],
        "SERVER_PROTOCOL": request["version"],
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request["body"]),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in request["headers"].items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value

    started, written = {}, []

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers
        return written.append

    try:
        result = app(environ, start_response)
        status, headers = started["status"], started["headers"]
        try:
            chunks = list(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    except Exception:
        return build_response(500, text, "internal server error")
    return build_response(status, headers, b"".join(written + chunks))
