# kind: catch-all
# why: lets unpacking and slicing fail and turns any exception into ValueError, so what raises nothing is never rejected: a version like FTP/1.0 and a body shorter than Content-Length; the hidden malformed-request checks must catch it
def parse_request(raw):
    """Take the bytes of one HTTP/1.1 request apart; return a dict (see the task)."""
    try:
        head, body = raw.split(b"\r\n\r\n", 1)
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, version = request_line.split(" ")
        path, _, query = target.partition("?")
        headers = {}
        for line in header_lines:
            name, value = line.split(":", 1)
            name, value = name.strip().lower(), value.strip()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        length = int(headers.get("content-length", "0"))
        return {"method": method, "path": path, "query": query, "version": version,
                "headers": headers, "body": body[:length]}
    except Exception as error:
        raise ValueError(f"not a request: {error}") from None
