# kind: coincidence
# why: writes the local time and calls it GMT, right only on a machine whose clock is set to UTC; the Date check run in another time zone must catch it
from datetime import datetime


def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response (see the task)."""
    if isinstance(status, int):
        status = f"{status} {HTTPStatus(status).phrase}"
    pairs = headers.items() if isinstance(headers, dict) else headers
    if isinstance(body, str):
        body = body.encode("utf-8")
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name}: {value}" for name, value in pairs
              if name.lower() not in ("date", "content-length")]
    lines.append(f"Date: {datetime.now().strftime('%a, %d %b %Y %H:%M:%S GMT')}")
    if status.startswith("204"):
        body = b""
    else:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
