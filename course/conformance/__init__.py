"""The Conduit conformance suite: does a server implement the RealWorld API as its spec says?

``course conformance URL`` runs it against any running Conduit server, in any language;
``tests/conformance`` runs the same checks under pytest against the reference server on every
database backend. The checks (``checks.py``) are grouped in areas, each check a requirement in
words worth some points:

=========  ======  ==============================================================
area       points  what it covers
=========  ======  ==============================================================
users      11      registration, login, the current user and its updates
profiles   10      profiles, follow and unfollow
articles   12      create, read, update, delete; slugs of same-titled articles
lists      10      filters (tag, author, favorited), limit and offset, order
feed       12      the feed holds the followed authors' articles only
favorites  7       favorite, unfavorite, favoritesCount
comments   7       add, list, delete; author.following for the viewer
tags       5       GET /tags
auth       12      401 for each protected endpoint without a valid token
errors     19      422 with {"errors": {"body": [...]}}; refusals; unknown things
=========  ======  ==============================================================

That is 105 points in all. The reference server's own choices where the spec is silent (403
for someone else's article, 404 for unknown things, sorted tagList, stable slugs, ...) are
checks too, worth 1 point each, run only when asked for (``--reference``).
"""

import importlib

# Where each name lives. They are imported when first asked for, so that ``course --help``
# (which lists the areas, from ``registry``) does not pay for ``requests`` and the checks.
NAMES = {"AREAS": "registry", "CHECKS": "checks", "Check": "registry", "select": "checks",
         "Conduit": "client", "unique": "client", "ConformanceError": "runner",
         "Report": "runner", "as_json": "runner", "dumps": "runner", "locate": "runner",
         "render": "runner", "run": "runner"}

__all__ = sorted(NAMES)


def __getattr__(name):
    if name not in NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{NAMES[name]}", __name__), name)
