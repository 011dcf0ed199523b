"""Conformance tests: does a server implement the RealWorld Conduit API as its spec says?

The checks live in the course package (``course/conformance/checks.py``), so that
``course conformance URL`` can run them against any server; here pytest runs every one of them,
one test per check, against the reference server on each database backend (or the server at
``CONDUIT_API_URL``: see ``conftest.py``). A check of the reference server's own choices, where
the spec is silent, is marked ``reference``: leave those out with ``-m "not reference"`` when
testing another server.
"""

import pytest

from course.conformance import AREAS, CHECKS


def case(check):
    marks = [pytest.mark.reference] if check.reference else []
    return pytest.param(check, id=f"{check.area}:{check.name}", marks=marks)


@pytest.mark.parametrize("check", [case(check) for check in CHECKS])
def test_conformance(conduit, check):
    check.run(conduit)


def test_every_check_has_an_area_points_and_a_requirement():
    assert {check.area for check in CHECKS} == set(AREAS), "every area has checks"
    assert len({check.name for check in CHECKS}) == len(CHECKS), "check names are unique"
    for check in CHECKS:
        assert check.points >= 1 and check.requirement.strip(), check.name
