"""What grading found, per student, and how it is kept: rows of grades.csv, result files.

A student's ``Result`` is written to ``OUT/results/<student>.json`` once their grades are in
the class's gradebook; its fingerprint (of the solutions, the settings and the submission)
tells a re-run whether that student needs grading again.
"""

import csv
import hashlib
import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

FORMULA = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["student_id", "assignment", "timestamp", "score", "max_score", "status", "notes"]
# Statuses, worst first: a student's row shows the worst thing that happened while grading.
STATUSES = ["grading failed", "no notebook", "unreadable notebook", "kernel died",
            "out of memory", "timed out", "server did not start", "needs a program",
            "needs review", "graded"]


@dataclass
class Result:
    """One student's row, and what the re-run check compares."""

    student_id: str
    assignment: str
    score: float
    max_score: float
    status: str
    notes: list = field(default_factory=list)
    tasks: list = field(default_factory=list)  # per graded cell: name, points, max, status, message
    timestamp: str | None = None
    fingerprint: str = ""
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # seconds per step of grading: where time goes

    def row(self):
        return {"student_id": self.student_id, "assignment": self.assignment,
                "timestamp": self.timestamp or "", "score": f"{self.score:g}",
                "max_score": f"{self.max_score:g}", "status": self.status,
                "notes": "; ".join(self.notes)}


def worst(status, other):
    return min(status, other, key=STATUSES.index)


def fingerprint(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def folder_fingerprint(folder):
    return fingerprint(*[item for path in sorted(Path(folder).rglob("*")) if path.is_file()
                         for item in (str(path.relative_to(folder)), path.read_bytes())])


def write_csv(path, rows, columns):
    """Write a CSV file whole or not at all. A cell that a spreadsheet would take for a
    formula (it starts with = + - or @, e.g. a file name from a submission) gets a ' first."""
    partial = path.with_name(path.name + ".part")
    with open(partial, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows({key: "'" + value if isinstance(value, str) and value[:1] in FORMULA
                          else value for key, value in row.items()} for row in rows)
    partial.replace(path)


def write_json(path, data):
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
    partial.replace(path)


def load_result(path):
    try:
        return Result(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def count_ignored(out):
    with open(Path(out) / "ignored.csv", newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


def render_summary(results, out):
    scores = [r.score for r in results]
    possible = max((r.max_score for r in results), default=0)
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    lines = ["", f"Students: {len(results)}   mean: {statistics.fmean(scores):.2f} / "
             f"{possible:g}   median: {statistics.median(scores):g} / {possible:g}", "",
             "  status                students"]
    for status in sorted(counts, key=lambda s: STATUSES.index(s) if s in STATUSES else 99):
        lines.append(f"  {status:<20}  {counts[status]:>8}")
    lines.append("")
    lines.append(f"Grades:   {out / 'grades.csv'}")
    lines.append(f"Feedback: {out / 'feedback'}/<student>/")
    ignored_count = count_ignored(out)
    if ignored_count:
        lines.append(f"Ignored:  {ignored_count} files not graded, each with its reason, in "
                     f"{out / 'ignored.csv'}")
    return "\n".join(lines)
