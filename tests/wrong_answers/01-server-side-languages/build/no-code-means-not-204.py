# kind: catch-all
# why: reads the code with int(status) and, when that fails on a str status, takes it for "not a 204", so '204 No Content' given as a str gets a Content-Length; the 204-as-str check must catch it
def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    try:
        code = int(status)
        status = f"{code} {HTTPStatus(code).phrase}"
    except Exception:
        code = None
    pairs = headers.items() if isinstance(headers, dict) else headers
    if isinstance(body, str):
        body = body.encode("utf-8")
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name}: {value}" for name, value in pairs
              if name.lower() not in ("date", "content-length")]
    lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
    if code == 204:
        body = b""
    else:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
