# kind: rule
# why: writes the headers sorted by name, not in the order given; the check that X-B, X-A and two Set-Cookie lines come out in their given order must catch it
def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    if isinstance(status, int):
        status = f"{status} {HTTPStatus(status).phrase}"
    pairs = headers.items() if isinstance(headers, dict) else headers
    if isinstance(body, str):
        body = body.encode("utf-8")
    kept = sorted((name, value) for name, value in pairs
                  if name.lower() not in ("date", "content-length"))
    kept.append(("Date", email.utils.formatdate(usegmt=True)))
    if status.startswith("204"):
        body = b""
    else:
        kept.append(("Content-Length", str(len(body))))
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in kept]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
