"""The conformance checks, each a requirement in words, in an area, worth some points.

A check is a function of a ``Conduit`` client that raises ``AssertionError`` (or
``CheckFailed``, which says which request it is about) when the server falls short. ``@check``
adds it to ``CHECKS``, once per case when it has ``cases``. ``course conformance`` runs them
and scores each area; ``tests/conformance`` runs the same list under pytest.
"""

from dataclasses import dataclass, field

# The areas, in the order the report shows them: name, title.
AREAS = {
    "users": "registration, login, the current user and its updates",
    "profiles": "profiles, follow and unfollow",
    "articles": "create, read, update, delete; slugs of same-titled articles",
    "lists": "filters (tag, author, favorited), limit and offset, order",
    "feed": "the feed holds the followed authors' articles only",
    "favorites": "favorite, unfavorite, favoritesCount",
    "comments": "add, list, delete; author.following for the viewer",
    "tags": "GET /tags",
    "auth": "401 for each protected endpoint without a valid token",
    "errors": "422 with {\"errors\": {\"body\": [...]}}; refusals (403); unknown things (404)",
}


@dataclass(frozen=True)
class Check:
    area: str
    name: str
    requirement: str
    points: int
    function: object = field(repr=False, compare=False)
    case: dict = field(default_factory=dict, compare=False)
    reference: bool = False

    def run(self, conduit):
        self.function(conduit, **self.case)


CHECKS = []


def check(area, points, requirement, cases=None, reference=False):
    """Register the decorated function as a check (one per item of ``cases``, a list of
    keyword arguments; ``requirement`` may name them, e.g. ``"... without {missing}"``).

    ``reference`` marks a choice of the reference server that the spec leaves open: such checks
    run only when asked for (``course conformance --reference``; pytest's ``-m reference``).
    """
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")

    def register(function):
        for case in cases or [{}]:
            name = function.__name__
            if case:
                name += "[" + "-".join(str(value) for value in case.values()
                                       if isinstance(value, (str, int))) + "]"
            text = requirement.format(**case) if case else requirement
            CHECKS.append(Check(area, name, text, points, function, case, reference))
        return function

    return register


def select(area=None, reference=False):
    """The checks of one area (all when ``None``), with the reference ones when asked for."""
    return [c for c in CHECKS if (area is None or c.area == area)
            and (reference or not c.reference)]
