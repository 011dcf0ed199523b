"""``course progress``: the learner's points per assignment, from their ``course check`` runs.

Each check of a notebook in exercises/ is remembered in ``.course/progress.json`` (gitignored):
points, points possible and when, per notebook. The points possible shown are read from the
instructor's current version of each assignment (as grading does), so a new or changed
assignment shows up before it is checked.
"""

import json
from datetime import datetime, timezone

from . import notebooks
from .terminal import paint, status_colour

VERSION = 1


def progress_file(course):
    return course.state / "progress.json"


def load(course):
    """The stored results, ``{assignment: {notebook: {...}}}``; a damaged file counts as empty."""
    try:
        data = json.loads(progress_file(course).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    return data.get("assignments", {})


def record(course, report, now=None):
    """Remember a check's score (the latest check of a notebook replaces the one before)."""
    assignments = load(course)
    checked = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    assignments.setdefault(report.assignment, {})[report.notebook_id] = {
        "points": report.points, "max_points": report.max_points,
        "passed": report.passed, "checked": checked}
    path = progress_file(course)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"version": VERSION, "assignments": assignments},
                                    indent=1, sort_keys=True) + "\n")
    temporary.replace(path)  # whole or not at all, even if interrupted


def possible_points(notebook):
    """The points a notebook's graded cells are worth."""
    try:
        cells = notebooks.read(notebook).cells
    except ValueError:
        return 0.0
    return sum(float(cell.metadata.get("nbgrader", {}).get("points", 0)) for cell in cells
               if cell.metadata.get("nbgrader", {}).get("grade"))


def summary(course):
    """One row per assignment: (name, points or None, points possible, last checked or None)."""
    stored = load(course)
    rows = []
    for assignment in course.released():
        results = stored.get(assignment, {})
        points, possible, dates = 0.0, 0.0, []
        # The instructor's version says what grading is worth, whatever a learner deleted.
        source = course.solutions / assignment
        folder = source if source.is_dir() else course.exercises / assignment
        for notebook in sorted(folder.glob("*.ipynb")):
            possible += possible_points(notebook)
            if notebook.stem in results:
                points += results[notebook.stem]["points"]
                dates.append(results[notebook.stem]["checked"])
        rows.append((assignment, points if dates else None, possible, max(dates, default=None)))
    return rows


def when(iso):
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def next_lesson(course, rows):
    """The line naming what to do next: the first assignment without full marks, its lesson
    and how to check it; or that everything is done."""
    for name, points, possible, _ in rows:
        if points is None or points < possible:
            lesson = course.notebooks / f"{name}.ipynb"
            read = (f"read lesson {name} ({course.relative(lesson)}), then " if lesson.is_file()
                    else "")
            doing = "continue with" if points else "start"
            return (f"Next: {doing} {name}: {read}answer exercises/{name}/ and check it with "
                    f"`course check exercises/{name}`.")
    return "Every assignment earns full marks. Next: hand in what you have not (course submit)."


def render_progress(course, colour=False):
    """The table of every assignment; ``colour`` paints full marks green (a terminal)."""
    rows = summary(course)
    if not rows:
        return "No assignments in exercises/ yet."
    width = max(len(name) for name, *_ in rows + [("assignment",)])
    lines = [f"{'assignment':<{width}}  {'points':>9}  last checked"]
    total = possible_total = 0.0
    for name, points, possible, checked in rows:
        shown = f"{points:g} / {possible:g}" if points is not None else f"- / {possible:g}"
        state = ("not checked yet" if points is None
                 else "passed" if points >= possible else "failed")
        lines.append(f"{name:<{width}}  {paint(f'{shown:>9}', status_colour(state), colour)}  "
                     f"{when(checked) if checked else 'not checked yet'}")
        total += points or 0
        possible_total += possible
    lines.append(f"{'total':<{width}}  {f'{total:g} / {possible_total:g}':>9}")
    lines.append("")
    lines.append("Points come from your last `course check` of each notebook; check again after "
                 "every change.")
    lines.append(next_lesson(course, rows))
    if course.learners_copy:
        lines.append("This is a learner's copy of the course: the points are those of the "
                     "visible tests. Hidden checks run when your instructor grades what you "
                     "hand in, so the grade can be lower.")
    return "\n".join(lines)
