"""Run the checks against a server, score each area, and write the report (a table or JSON)."""

import json
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests

from ..paths import CourseError
from ..terminal import paint
from .client import TIMEOUT, CheckFailed, Conduit
from .registry import AREAS

# After this many checks in a row that got no answer at all, the server is taken to have
# stopped: the rest fail at once instead of each waiting for its timeout.
SILENT_CHECKS = 3


class ConformanceError(CourseError):
    """The run cannot start: a bad URL, nothing listening there, or not a Conduit API."""


@dataclass
class Result:
    check: object
    passed: bool
    message: str = ""
    exchange: object = None
    silent: bool = False  # the server gave no answer at all


@dataclass
class Report:
    api_url: str
    results: list
    seconds: float
    reference: bool
    cleaned_up: dict = field(default_factory=dict)

    @property
    def passed(self):
        return all(result.passed for result in self.results)

    def areas(self):
        """One row per area that ran: name, title, points earned and possible, checks."""
        rows = []
        for name, title in AREAS.items():
            results = [r for r in self.results if r.check.area == name]
            if results:
                rows.append({"area": name, "title": title,
                             "earned": sum(r.check.points for r in results if r.passed),
                             "possible": sum(r.check.points for r in results),
                             "passed": sum(r.passed for r in results), "checks": len(results)})
        return rows

    def total(self):
        rows = self.areas()
        return {key: sum(row[key] for row in rows)
                for key in ("earned", "possible", "passed", "checks")}


def api_candidates(url):
    """The API base URLs ``url`` may mean: as given when it ends in ``/api``, else with
    ``/api`` added first and as given second."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConformanceError(f"{url!r} is not an http:// URL. Fix: pass the server's URL, "
                               "e.g. http://127.0.0.1:8000/api.")
    if parts.query or parts.fragment:
        raise ConformanceError(f"{url!r} has a query or a fragment. Fix: pass the API's base "
                               "URL alone, e.g. http://127.0.0.1:8000/api.")
    path = parts.path.rstrip("/")
    base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return [base] if path.endswith("/api") else [base + "/api", base]


def locate(url, timeout=TIMEOUT):
    """The API base URL of the Conduit server at ``url`` (with or without ``/api``), found by
    asking ``GET /tags``; raises ``ConformanceError`` with one clear line otherwise."""
    answers = []
    for api in api_candidates(url):
        try:
            r = requests.get(f"{api}/tags", timeout=timeout)
        except requests.ConnectionError:
            origin = urlunsplit(urlsplit(api)[:2] + ("", "", ""))
            raise ConformanceError(
                f"nothing answers at {origin}. Fix: start your server first and pass its URL; "
                "for the reference server, run `course serve` (or `python -m server run`), "
                "which listens on http://127.0.0.1:8000/api.") from None
        except requests.Timeout:
            raise ConformanceError(f"{api}/tags gave no answer within {timeout:g} s. Fix: check "
                                   "that the server is running and not stuck.") from None
        except requests.RequestException as error:
            raise ConformanceError(f"GET {api}/tags failed: {error}. Fix: check the URL.") \
                from None
        if looks_like_conduit(r):
            return api
        answers.append(f"GET {api}/tags answered {r.status_code} "
                       f"{r.headers.get('Content-Type', 'with no Content-Type')} "
                       f"{' '.join(r.text[:80].split())!r}")
    raise ConformanceError(
        f"{url} does not look like a Conduit API: {'; '.join(answers)}, where a Conduit API "
        "answers 200 with {\"tags\": [...]}. Fix: pass the URL the API is served under, "
        "e.g. http://127.0.0.1:8000/api.")


def looks_like_conduit(r):
    try:
        data = r.json()
    except ValueError:
        return False
    return r.status_code == 200 and type(data) is dict and type(data.get("tags")) is list


def describe(error):
    """An exception from a check, as the requirement it shows unmet."""
    if isinstance(error, AssertionError):
        return str(error) or "a requirement was not met"
    if isinstance(error, KeyError):
        return f"the answer lacks the key {error.args[0]!r}"
    if isinstance(error, (IndexError, TypeError, AttributeError)):
        return f"the answer does not have the shape the spec gives ({error})"
    if isinstance(error, ValueError):
        return f"the answer is not the JSON expected ({error})"
    return f"{type(error).__name__}: {error}"


def run(api_url, checks, timeout=TIMEOUT, reference=False, progress=None):
    """Run ``checks`` against the API at ``api_url`` (as ``locate`` answers it); a ``Report``.

    The comments and articles the checks made are deleted at the end, where the API allows.
    ``progress``, if given, is called with each ``Result`` as it comes.
    """
    if sys.flags.optimize:
        raise ConformanceError("the checks need Python's assert statements, which -O removes. "
                               "Fix: run without -O (and without PYTHONOPTIMIZE).")
    conduit = Conduit(api_url, timeout=timeout)
    results, silent, cleaned = [], 0, {}
    start = time.monotonic()
    try:
        for check in checks:
            if silent >= SILENT_CHECKS:
                result = Result(check, False, f"not run: the server gave no answer to the "
                                              f"last {SILENT_CHECKS} checks", silent=True)
            else:
                result = run_one(check, conduit)
                silent = silent + 1 if result.silent else 0
            results.append(result)
            if progress:
                progress(result)
    finally:  # on Ctrl-C too: leave the server as the run found it, as far as the API allows
        if silent < SILENT_CHECKS:
            cleaned = conduit.clean_up()
        conduit.close()
    return Report(api_url, results, time.monotonic() - start, reference, cleaned)


def run_one(check, conduit):
    before = len(conduit.exchanges)
    try:
        check.run(conduit)
    except Exception as error:  # any failure of a check is that check's, never the run's
        exchange = getattr(error, "exchange", None) or (
            conduit.last if len(conduit.exchanges) > before or before else None)
        silent = isinstance(error, CheckFailed) and exchange is not None and \
            exchange.response is None
        return Result(check, False, describe(error), exchange, silent)
    return Result(check, True)


def render(report, colour=False):
    """The report as text: a table of areas, then each failing check with a replay line."""
    total = report.total()
    lines = [f"Conduit conformance of {report.api_url}: {total['checks']} checks in "
             f"{report.seconds:.1f} s" + (" (with the reference server's own choices)"
                                          if report.reference else ""), ""]
    lines.append(f"{'area':<10} {'points':>7} {'checks':>7}  what it covers")
    for row in report.areas() + [{"area": "total", "title": "", **total}]:
        points = f"{row['earned']}/{row['possible']}"
        full = row["earned"] == row["possible"]
        checks = f"{row['passed']:>3}/{row['checks']:<3}"
        line = f"{row['area']:<10} {points:>7} {checks}  {row['title']}"
        lines.append(paint(line, "green" if full else "red", colour and row["area"] != "total"))
    failures = [result for result in report.results if not result.passed]
    for result in failures:
        check = result.check
        lines += ["", paint(f"FAILED [{check.area}] {check.requirement} "
                            f"({check.points} point{'s' if check.points != 1 else ''})",
                            "red", colour),
                  f"  check:    {check.name}"]
        exchange = result.exchange
        if exchange is not None:
            path = exchange.url.split("://", 1)[-1]
            path = path[path.find("/"):] if "/" in path else "/"
            lines.append(f"  request:  {exchange.method} {path}")
            body = exchange.body_text(limit=600)
            if body is not None:
                lines.append(f"  body:     {body}")
        lines.append(f"  expected: {result.message}")
        if exchange is not None:
            lines.append(f"  got:      {exchange.answer()}")
            lines.append(f"  replay:   {exchange.curl()}")
    lines.append("")
    score = f"{total['earned']}/{total['possible']} points"
    if failures:
        lines.append(f"{len(failures)} of {total['checks']} checks failed: {score}. Each failure "
                     "above shows its request; its replay line sends it again.")
    else:
        lines.append(f"All {total['checks']} checks passed: {score}.")
    if report.cleaned_up:
        lines.append(f"Deleted what the checks made: {report.cleaned_up['articles']} articles, "
                     f"{report.cleaned_up['comments']} comments (users stay: the API cannot "
                     "delete them).")
    return "\n".join(lines)


def as_json(report):
    """The report as a JSON-ready dict: the same areas, points and failures as ``render``."""
    total = report.total()
    checks = []
    for result in report.results:
        check = result.check
        item = {"area": check.area, "name": check.name, "requirement": check.requirement,
                "points": check.points, "reference": check.reference, "passed": result.passed}
        if not result.passed:
            item["expected"] = result.message
            exchange = result.exchange
            if exchange is not None:
                item.update({"request": {"method": exchange.method, "url": exchange.url,
                                         "body": exchange.body_text()},
                             "response": None if exchange.response is None else {
                                 "status": exchange.response.status_code,
                                 "body": exchange.response.text[:2000]},
                             "got": exchange.answer(), "curl": exchange.curl()})
        checks.append(item)
    return {"url": report.api_url, "seconds": round(report.seconds, 2),
            "reference": report.reference, "passed": report.passed,
            "points": {"earned": total["earned"], "possible": total["possible"]},
            "checks_passed": total["passed"], "checks_run": total["checks"],
            "areas": report.areas(), "checks": checks, "cleaned_up": report.cleaned_up}


def dumps(report):
    return json.dumps(as_json(report), indent=2, ensure_ascii=False)
