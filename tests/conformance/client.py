"""The conformance suite's HTTP client now lives in the course package, so that an installed
course has it: ``course.conformance.client``. Kept here for the tests that import it."""

from course.conformance.client import PASSWORD, TIMEOUT, Conduit, auth, unique  # noqa: F401
