# kind: form
# why: turns the list of pairs into a dict, so a repeated name (two Set-Cookie headers) keeps only its last value; the check with Set-Cookie a=1 and b=2 must catch it
def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    if isinstance(status, int):
        status = f"{status} {HTTPStatus(status).phrase}"
    headers = {name: value for name, value in dict(headers).items()
               if name.lower() not in ("date", "content-length")}
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers["Date"] = email.utils.formatdate(usegmt=True)
    if status.startswith("204"):
        body = b""
    else:
        headers["Content-Length"] = str(len(body))
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
