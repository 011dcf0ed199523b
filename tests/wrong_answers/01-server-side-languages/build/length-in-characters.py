# kind: form
# why: gives Content-Length as the length of the str body in characters, not of its UTF-8 bytes; the check with 'café ☕' (6 characters, 9 bytes) must catch it
def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    if isinstance(status, int):
        status = f"{status} {HTTPStatus(status).phrase}"
    pairs = headers.items() if isinstance(headers, dict) else headers
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name}: {value}" for name, value in pairs
              if name.lower() not in ("date", "content-length")]
    lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
    if status.startswith("204"):
        body = b""
    else:
        lines.append(f"Content-Length: {len(body)}")
    if isinstance(body, str):
        body = body.encode("utf-8")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
