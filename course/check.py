"""``course check``: grade one exercise notebook exactly as the autograder will, and explain.

The notebook is autograded by nbgrader itself in a temporary course root: the instructor's
version is generated there first (so the gradebook holds every test cell, hidden parts
included), then the learner's notebook is submitted and autograded with a short per-cell
timeout. Test cells are therefore restored from solutions/ and hidden checks run, exactly as at
grading time; only their code is kept out of what is printed.
"""

import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nbformat.warnings import MissingIDFieldWarning

from . import notebooks
from .grading import grading_root, kernel_died, problems
from .paths import CourseError

STUDENT = "learner"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


@dataclass
class Task:
    """One graded test cell's result."""

    name: str
    points: float
    max_points: float
    status: str  # passed, failed, timed out, or graded by hand (manually graded answers)
    message: str = ""
    hidden_checks: int = 0

    @property
    def passed(self):
        return self.status in ("passed", "graded by hand")


@dataclass
class Report:
    notebook: str  # as shown to the learner
    assignment: str
    notebook_id: str
    timeout: int
    tasks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    recordable: bool = False  # a notebook of this course's exercises/: worth remembering

    @property
    def points(self):
        return sum(task.points for task in self.tasks)

    @property
    def max_points(self):
        return sum(task.max_points for task in self.tasks)

    @property
    def hidden_checks(self):
        return sum(task.hidden_checks for task in self.tasks)

    @property
    def passed(self):
        return bool(self.tasks) and all(task.passed for task in self.tasks)


def hidden_lines(source):
    """Line numbers (1-based) of a test cell's source that are hidden from learners."""
    hidden, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if BEGIN_HIDDEN in line:
            inside = True
        if inside:
            hidden.add(number)
        if END_HIDDEN in line:
            inside = False
    return hidden


def count_checks(source, lines):
    """How many ``assert`` statements sit on the given lines."""
    rows = source.splitlines()
    return sum(1 for number in lines if rows[number - 1].lstrip().startswith("assert"))


def first_line(text, limit=240):
    text = (text or "").strip().splitlines()
    text = text[0] if text else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe_error(output):
    """A one-line account of an error output: the assertion's message, never code."""
    name, value = output.get("ename", "Error"), first_line(output.get("evalue", ""))
    if name == "AssertionError":
        return value or "an assertion failed (it has no message)"
    if name == "NotImplementedError" and not value:
        return "not answered yet (the cell still raises NotImplementedError)"
    return f"{name}: {value}" if value else name


def failing_line(output):
    """The line of the test cell where the error was raised, from IPython's traceback."""
    for frame in output.get("traceback", []):
        match = CELL_LINE.search(ANSI.sub("", frame))
        if match:
            return int(match.group(1))
    return None


def errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def stderr_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def judge(cell, score, max_score, original, timeout):
    """A test cell's result from its outputs after autograding and the gradebook's score.

    ``original`` is the instructor's source of the cell. nbgrader runs that source, but puts a
    comment above it when it re-adds a cell the learner deleted, so line numbers are shifted.
    """
    name = cell.metadata.nbgrader["grade_id"]
    hidden = hidden_lines(original)
    shift = (len(cell.source.splitlines()) - len(original.splitlines())
             if cell.source.endswith(original) else 0)
    task = Task(name, float(score or 0), float(max_score),
                "passed", hidden_checks=count_checks(original, hidden))
    if score is None:
        task.status = "graded by hand"
        return task
    found = errors(cell)
    if any(error.get("ename") == "CellTimeoutError" for error in found):
        # nbclient interrupts the kernel, so a KeyboardInterrupt may be recorded first.
        task.status = "timed out"
        task.message = (f"stopped after {timeout} s (an endless loop, or a request without "
                        "a timeout waiting for an answer?)")
    elif found:
        error = found[0]
        task.status, task.message = "failed", describe_error(error)
        line = failing_line(error)
        if line is not None and line - shift in hidden:
            task.message = f"hidden check: {task.message}"
    elif float(score) < float(max_score):
        task.status = "failed"
        tail = stderr_text(cell).strip().splitlines()
        task.message = (f"wrote to stderr: {first_line(tail[-1])}" if tail
                        else "scored less than full marks")
    return task


def judge_all(graded, instructor, scores, timeout):
    """A Task for every graded test cell of an autograded notebook, in order; ``scores`` as
    ``GradingRoot.grades`` gives them, ``instructor`` the notebook the tests came from."""
    originals = {cell.metadata.nbgrader["grade_id"]: cell.source for cell in instructor.cells
                 if cell.metadata.get("nbgrader", {}).get("grade")}
    tasks = []
    for cell in graded.cells:
        info = cell.metadata.get("nbgrader", {})
        if info.get("grade") and info.get("grade_id") in scores:
            score, max_score = scores[info["grade_id"]]
            tasks.append(judge(cell, score, max_score,
                               originals.get(info["grade_id"], cell.source), timeout))
    return tasks


def locate(course, notebook):
    """The learner's notebook, its assignment and the instructor's version, or CourseError."""
    path = Path(notebook).expanduser().resolve()
    example = "exercises/00-start-here/00-start-here.ipynb"
    if not path.is_file():
        raise CourseError(f"{notebook} does not exist. Fix: give the path of an exercise "
                          f"notebook, e.g. course check {example}")
    if path.suffix != ".ipynb":
        raise CourseError(f"{notebook} is not a notebook (.ipynb). Fix: check the exercise "
                          f"notebook itself, e.g. course check {example}")
    assignment, notebook_id = path.parent.name, path.stem
    known = course.assignments()
    if assignment not in known:
        raise CourseError(f"{notebook} is not in an assignment's folder ({path.parent.name}/ is "
                          f"not one of: {', '.join(known) or 'none'}). Fix: check it where it "
                          "lives, in exercises/NN-topic/.")
    instructor = course.solutions / assignment / path.name
    if not instructor.is_file():
        raise CourseError(f"assignment {assignment} has no notebook called {path.name}, so there "
                          "are no tests to run it against. Fix: check one of "
                          + ", ".join(p.name for p in sorted(instructor.parent.glob("*.ipynb"))))
    try:
        notebooks.read(path)
    except ValueError as error:
        raise CourseError(f"{error}. Fix: undo the last edits in JupyterLab, or start again from "
                          f"a fresh copy: git checkout -- {course.relative(path)}")
    return path, assignment, notebook_id, instructor


def check(course, notebook, timeout=10):
    """Autograde one notebook in a temporary course root; returns a Report."""
    started = time.monotonic()
    path, assignment, notebook_id, instructor = locate(course, notebook)
    report = Report(str(course.relative(path)), assignment, notebook_id, int(timeout),
                    recordable=course.exercises.resolve() in path.parents)
    source = notebooks.read(instructor)
    with grading_root(course, [assignment], prefix="course-check-") as grading:
        grading.generate([assignment], explain=False)
        grading.submit(assignment, STUDENT, [path])
        result = grading.autograde(assignment, STUDENT, **{
            "Execute.timeout": int(timeout), "CourseDirectory.notebook_id": notebook_id})
        graded = grading.path("autograded", assignment, STUDENT) / path.name
        if not result["success"] or not graded.is_file():
            if kernel_died(result):
                raise CourseError(f"the kernel stopped answering while running {report.notebook}"
                                  " (an endless loop using ever more memory?). Fix: find the loop"
                                  " in your answers, then check again.")
            raise CourseError(f"nbgrader could not grade {report.notebook}:\n"
                              + problems(result, grading.root) + "\nFix: open it in "
                              "JupyterLab and compare its cells with a fresh copy of the "
                              "exercise.")
        scores = grading.grades(assignment, STUDENT, notebook_id)
        with warnings.catch_warnings():  # cells nbgrader re-adds have no id
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            outcome = notebooks.read(graded)
    report.tasks = judge_all(outcome, source, scores, report.timeout)
    for number, cell in enumerate(outcome.cells, start=1):
        info = cell.metadata.get("nbgrader", {})
        if info.get("grade") and info.get("grade_id") in scores:
            continue
        if errors(cell):
            where = info.get("grade_id") or f"cell {number}"
            if any(error.get("ename") == "CellTimeoutError" for error in errors(cell)):
                report.notes.append(f"{where} timed out: stopped after {report.timeout} s")
            else:
                report.notes.append(f"{where} raised {describe_error(errors(cell)[0])}")
    report.seconds = time.monotonic() - started
    return report


def render(report):
    """The table a learner reads."""
    lines = [f"Checked {report.notebook} as the grader will: tests restored from solutions/, "
             f"hidden checks included, {report.timeout} s limit per cell.", ""]
    width = max([len(task.name) for task in report.tasks] + [4])
    lines.append(f"  {'task':<{width}}  {'points':>7}  result")
    for task in report.tasks:
        points = f"{task.points:g} / {task.max_points:g}"
        result = task.status + (f": {task.message}" if task.message else "")
        lines.append(f"  {task.name:<{width}}  {points:>7}  {result}")
    if not report.tasks:
        lines.append("  (this notebook has no graded tests)")
    if report.notes:
        lines += ["", "Other cells that raised an error (fix these first):"]
        lines += [f"  {note}" for note in report.notes]
    lines.append("")
    hidden = report.hidden_checks
    verdict = "All tests pass." if report.passed else "Not all tests pass yet."
    lines.append(f"Score: {report.points:g} / {report.max_points:g}. {verdict} The tests include "
                 f"{hidden} hidden check{'s' if hidden != 1 else ''} (code not shown), as at "
                 f"grading. Took {report.seconds:.1f} s.")
    return "\n".join(lines)
