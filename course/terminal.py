"""Colour for people at a terminal: passed in green, failed in red.

None when the output is piped or redirected, when ``NO_COLOR`` is set (https://no-color.org),
or on a terminal that says it cannot (``TERM=dumb``).
"""

import os
import sys

CODES = {"green": "32", "red": "31", "yellow": "33", "bold": "1"}


def wants_colour(stream=None):
    """Whether text written to ``stream`` (default: stdout) may carry colour."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text, colour, on=True):
    """``text`` in ``colour`` (a name of ``CODES``) when ``on``, else as it is."""
    return f"\x1b[{CODES[colour]}m{text}\x1b[0m" if on else text


def status_colour(status):
    """The colour of a task's or an assignment's status."""
    return "green" if status in ("passed", "graded by hand") else (
        "yellow" if status == "not checked yet" else "red")
