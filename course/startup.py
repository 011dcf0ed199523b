"""What every process of the course tool does before its first import of nbformat."""

import sys


def skip_slow_imports():
    """Keep jsonschema (under nbformat) from importing rfc3987_syntax, unless it already has.

    rfc3987_syntax builds a Lark grammar when imported: seconds on every command, for an "iri"
    string format that no notebook schema uses; without it, jsonschema just skips that format
    (python-jsonschema/jsonschema#1428). Verbs import nbformat lazily, after this runs.
    """
    sys.modules.setdefault("rfc3987_syntax", None)
