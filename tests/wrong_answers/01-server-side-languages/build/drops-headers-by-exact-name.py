# kind: rule
# why: leaves out the given Date and Content-Length only when spelled exactly so, though the task says in any case; the check with 'content-length: 999' and 'DATE' must catch it
def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    if isinstance(status, int):
        status = f"{status} {HTTPStatus(status).phrase}"
    pairs = headers.items() if isinstance(headers, dict) else headers
    if isinstance(body, str):
        body = body.encode("utf-8")
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name}: {value}" for name, value in pairs
              if name not in ("Date", "Content-Length")]
    lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
    if status.startswith("204"):
        body = b""
    else:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
