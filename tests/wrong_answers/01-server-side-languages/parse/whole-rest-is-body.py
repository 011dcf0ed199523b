# kind: coincidence
# why: takes everything after the empty line as the body, right only when nothing follows it; the check with a second request behind an 11-byte body must catch it
def parse_request(raw):
    """Take the bytes of one HTTP/1.1 request apart; return a dict (see the task)."""
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("no empty line after the headers")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise ValueError(f"not a request line: {request_line!r}")
    method, target, version = parts
    path, _, query = target.partition("?")
    headers = {}
    for line in header_lines:
        name, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"not a header line: {line!r}")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    if len(body) < int(headers.get("content-length", "0")):
        raise ValueError("the body is shorter than Content-Length")
    return {"method": method, "path": path, "query": query, "version": version,
            "headers": headers, "body": body}
