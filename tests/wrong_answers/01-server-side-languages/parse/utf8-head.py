# kind: rule
# why: decodes the request line and headers as UTF-8, not Latin-1 as the task says; the check with Latin-1 bytes (/caf\xe9, J\xfcrgen) must catch it
def parse_request(raw):
    """Take the bytes of one HTTP/1.1 request apart; return a dict (see the task)."""
    head, separator, rest = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("no empty line after the headers")
    request_line, *header_lines = head.decode().split("\r\n")
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
    length = int(headers.get("content-length", "0"))
    if len(rest) < length:
        raise ValueError("the body is shorter than Content-Length")
    return {"method": method, "path": path, "query": query, "version": version,
            "headers": headers, "body": rest[:length]}
