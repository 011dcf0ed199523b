"""The server's log lines: plain text for a person at a terminal, or JSON for a log collector.

``LOG_FORMAT=text`` (the default) writes ``time LEVEL message`` lines. ``LOG_FORMAT=json``
writes one JSON object a line, every record the same way, so that a program (Loki,
Elasticsearch, CloudWatch, ``jq``) can read each field without parsing text::

    {"time": "2026-12-01T19:40:00.123Z", "level": "INFO", "logger": "server",
     "message": "127.0.0.1 \\"GET /api/tags\\" 200 1.9ms", "method": "GET",
     "path": "/api/tags", "route": "/api/tags", "status": 200, "duration_ms": 1.9,
     "client": "127.0.0.1", "user_agent": "curl/8.5.0"}

Every request is logged once it is answered (``access_log``); its fields go into the record's
``http`` attribute, which the JSON lines spread out and the text lines leave in the message.
"""

import json
import logging
import sys
from datetime import datetime, timezone

TEXT_FORMAT = "%(asctime)s %(levelname)s %(message)s"
log = logging.getLogger("server")


def utc_time(record):
    """When ``record`` was made, in ISO 8601, UTC, to the millisecond: ``...T19:40:00.123Z``."""
    moment = datetime.fromtimestamp(record.created, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonLines(logging.Formatter):
    """Formats each record as one line of JSON; a traceback becomes its ``exception`` field.

    ``json.dumps`` escapes quotes and newlines, so a path or a message that holds them
    cannot break a line in two or forge a field.
    """

    def format(self, record):
        fields = {"time": utc_time(record), "level": record.levelname,
                  "logger": record.name, "message": record.getMessage()}
        fields.update(getattr(record, "http", {}))
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        return json.dumps(fields, ensure_ascii=False)


def configure_logging(level="INFO", log_format="text"):
    """Send every log record to standard error, as text or as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)


def printable(text):
    """``text`` with its control characters written as escapes (a newline as ``\\n``), so a
    path a client sent cannot start a new line, forged, in a text log."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def access_log(method, path, route, status, seconds, client, user_agent):
    """Log one answered request: a line a person reads, and its fields for a program."""
    duration_ms = round(seconds * 1000, 1)
    fields = {"method": method, "path": path, "route": route, "status": status,
              "duration_ms": duration_ms, "client": client, "user_agent": user_agent}
    log.info('%s "%s %s" %s %.1fms', client, printable(method), printable(path), status,
             duration_ms, extra={"http": fields})
