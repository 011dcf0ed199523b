"""``course check``: grade one exercise notebook exactly as the autograder will, and explain.

The notebook is autograded by nbgrader itself in a temporary course root: the instructor's
version is generated there first (so the gradebook holds every test cell, hidden parts
included), then the learner's notebook is submitted and autograded with a short per-cell
timeout. Test cells are therefore restored from solutions/ and hidden checks run, exactly as at
grading time; only their code is kept out of what is printed.
"""

import ast
import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nbformat.warnings import MissingIDFieldWarning

from . import notebooks
from .grading import grading_root, kernel_died, problems
from .paths import CourseError
from .terminal import paint, status_colour

STUDENT = "learner"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)(?:, in (\w+))?")
# The exception course.services raises for a program that is not installed (nginx, Apache,
# Varnish): a check that needs one cannot run here, which is not the learner's failure.
MISSING = "Missing"


@dataclass
class Task:
    """One graded test cell's result."""

    name: str
    points: float
    max_points: float
    # passed, failed, timed out, cannot run (a program the check needs is not installed here),
    # or graded by hand (manually graded answers)
    status: str
    message: str = ""
    hidden_checks: int = 0
    # Why a failed task failed: "requirement" (a check's assertion, with its message), "crash"
    # (the learner's code raised), "timeout", "stderr", "missing" (a program the check starts,
    # such as nginx, is not installed on this machine), or, for defects of the check itself,
    # "check error" (the test code raised) and "no message" (an assertion without a message);
    # "did not start" when the capstone's server could not be built.
    failure: str = ""
    # What a failed test cell printed, shown under its row when the instructor's cell asks for
    # it (``"course": {"report": true}``): the capstone's failing checks with replay lines.
    details: str = ""

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
    instructors_copy: bool = False  # a notebook of solutions/: checked, never recorded
    learners_copy: bool = False  # checked in a learner's copy: visible tests only

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
    """How many checks start on the given lines: ``assert`` statements, and the calls a test
    cell makes at its top level (a hidden check is often a call of a checking function)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax: count the lines that start with assert
        rows = source.splitlines()
        return sum(1 for number in lines if rows[number - 1].lstrip().startswith("assert"))
    asserts = {node for node in ast.walk(tree) if isinstance(node, ast.Assert)}
    calls = {node for node in tree.body
             if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)}
    return sum(1 for node in asserts | calls if node.lineno in lines)


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


def cell_frames(output):
    """``[(execution count, line, function or None)]``: the traceback's frames that are in
    notebook cells, outermost first (IPython names them "Cell In[5], line 3, in f"). Only the
    exception that was raised last counts, not those it was raised from or while handling."""
    frames = []
    for frame in output.get("traceback", []):
        frame = ANSI.sub("", frame)
        if "above exception" in frame:  # "The above exception was the direct cause of ..."
            frames = []
        match = CELL_FRAME.search(frame)
        if match:
            frames.append((int(match.group(1)), int(match.group(2)), match.group(3)))
    return frames


CELL_NAME = re.compile(r"cell In\[(\d+)\]")


def answer_cell(cells, count):
    """How a learner finds the cell that ran as In[count]: by its answer cell's name."""
    answer = cells.get(count) and cells[count].metadata.get("nbgrader", {}).get("grade_id")
    return f"answer cell {answer}" if answer else f"cell In[{count}]"


def learners_code(cell):
    """Whether a cell holds the learner's code: an answer cell, or a cell they added."""
    info = cell.metadata.get("nbgrader", {}) if cell is not None else {}
    return cell is not None and (info.get("solution") or not info)


def explain(error, cell, cells, hidden, shift):
    """``(failure, message)`` for a test cell's error: what the learner reads.

    An assertion of the check names the requirement. Any other exception is either the
    learner's code crashing (its innermost notebook frame is in an answer cell): said as a
    crash, with the function and line, never dressed up as the requirement; or the check's own
    code failing, a defect of the check, shown as it is. ``cells`` maps execution counts to
    the notebook's cells; ``hidden`` holds the test cell's hidden line numbers.
    """
    frames = cell_frames(error)
    own = cell.get("execution_count") or (frames[0][0] if frames else None)
    called_at = next((line for count, line, _ in frames if count == own), None)
    by_hidden = called_at is not None and called_at - shift in hidden
    where = " (in a hidden check)" if by_hidden else ""
    culprit = next(((count, line, function) for count, line, function in reversed(frames)
                    if count != own), None)
    name, value = error.get("ename", "Error"), first_line(error.get("evalue", ""))
    if name == "ServerDidNotStart":  # course.capstone: create_app raised; the value says where
        return "did not start", CELL_NAME.sub(lambda m: answer_cell(cells, int(m[1])), value)
    if culprit and learners_code(cells.get(culprit[0])):
        count, line, function = culprit
        answer = cells[count].metadata.get("nbgrader", {}).get("grade_id")
        place = (f"in {function}(), " if function and function != "<module>" else "") + (
            f"line {line} of answer cell {answer}" if answer else f"line {line} of cell In[{count}]")
        raised = f"{name}: {value}" if value else name
        if name == "NotImplementedError" and not value:
            return "crash", f"not answered yet: {function or 'your code'} still raises " \
                            f"NotImplementedError{where}"
        return "crash", f"your code crashed{where}: it raised {raised} ({place})"
    message = describe_error(error)
    if by_hidden:
        message = f"hidden check: {message}"
    if name == "AssertionError":
        return ("requirement" if value else "no message"), message
    if name == "NotImplementedError" and not value:
        return "crash", message
    if name == "NameError":  # what the test calls was never defined: the answer cell's fault
        return "crash", (f"{message}: an answer cell must define it (does the cell run "
                         "without an error, and keep the name the task gives?)")
    return "check error", message


def errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def stream_text(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == name)


DETAIL_LINES = 40  # of a failed task's printed report, shown by course check


def judge(cell, score, max_score, original, timeout, cells=None):
    """A test cell's result from its outputs after autograding and the gradebook's score.

    ``original`` is the instructor's source of the cell. nbgrader runs that source, but puts a
    comment above it when it re-adds a cell the learner deleted, so line numbers are shifted.
    ``cells`` maps execution counts to the notebook's cells, to tell whose code raised.
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
        task.status, task.failure = "timed out", "timeout"
        task.message = (f"stopped after {timeout} s (an endless loop, or a request without "
                        "a timeout waiting for an answer?)")
    elif any(error.get("ename") == MISSING for error in found):
        # course.services could not start nginx, Apache, ...: the answer was never judged.
        missing = next(error for error in found if error.get("ename") == MISSING)
        task.status, task.failure = "cannot run", "missing"
        task.message = (f"this machine cannot run the check: {missing.get('evalue', '')} "
                        "Then check again.")
    elif found:
        task.status = "failed"
        task.failure, task.message = explain(found[0], cell, cells or {}, hidden, shift)
    elif float(score) < float(max_score):
        task.status, task.failure = "failed", "stderr"
        tail = stream_text(cell, "stderr").strip().splitlines()
        task.message = (f"wrote to stderr: {first_line(tail[-1])}" if tail
                        else "scored less than full marks")
    return task


def cell_limits(instructor, timeout):
    """The seconds each test or locked cell of ``instructor`` may run, by grade id:
    ``timeout``, times the cell's ``course.slow`` where its metadata gives one (a test that
    starts servers, as the deploys of assignment 09 do, or the capstone's locked cell that runs
    the whole conformance suite). Read from the instructor's notebook, never a learner's."""
    return {cell.metadata.nbgrader["grade_id"]:
            timeout * max(1, int(cell.metadata.get("course", {}).get("slow", 1)))
            for cell in instructor.cells if cell.metadata.get("nbgrader", {}).get("grade")
            or cell.metadata.get("nbgrader", {}).get("locked")}


def limit_per_cell(limits, timeout):
    """nbclient's ``timeout_func``: a test cell's limit from ``limits``, else ``timeout``."""
    def limit(cell):
        return limits.get(cell.metadata.get("nbgrader", {}).get("grade_id"), timeout)
    return limit


def judge_all(graded, instructor, scores, timeout):
    """A Task for every graded test cell of an autograded notebook, in order; ``scores`` as
    ``GradingRoot.grades`` gives them, ``instructor`` the notebook the tests came from."""
    originals = {cell.metadata.nbgrader["grade_id"]: cell.source for cell in instructor.cells
                 if cell.metadata.get("nbgrader", {}).get("grade")}
    limits = cell_limits(instructor, timeout)
    reports = {cell.metadata.nbgrader["grade_id"] for cell in instructor.cells
               if cell.metadata.get("nbgrader", {}).get("grade")
               and cell.metadata.get("course", {}).get("report")}
    cells = {cell.execution_count: cell for cell in graded.cells
             if cell.cell_type == "code" and cell.get("execution_count")}
    tasks = []
    for cell in graded.cells:
        info = cell.metadata.get("nbgrader", {})
        if info.get("grade") and info.get("grade_id") in scores:
            score, max_score = scores[info["grade_id"]]
            task = judge(cell, score, max_score, originals.get(info["grade_id"], cell.source),
                         limits.get(info["grade_id"], timeout), cells)
            if not task.passed and info["grade_id"] in reports:
                printed = stream_text(cell, "stdout").strip().splitlines()
                task.details = "\n".join(printed[:DETAIL_LINES] + (
                    [f"... ({len(printed) - DETAIL_LINES} more lines in the notebook's output)"]
                    if len(printed) > DETAIL_LINES else []))
            tasks.append(task)
    return tasks


def locate(course, notebook):
    """The learner's notebook, its assignment and the instructor's version, or CourseError."""
    path = Path(notebook).expanduser().resolve()
    example = "exercises/00-start-here/00-start-here.ipynb"
    if path.is_dir():
        path = notebook_in(path, notebook, example)
    if not path.is_file():
        raise CourseError(f"{notebook} does not exist. Fix: give the path of an exercise "
                          f"notebook, e.g. course check {example}")
    if path.suffix != ".ipynb":
        raise CourseError(f"{notebook} is not a notebook (.ipynb). Fix: check the exercise "
                          f"notebook itself, e.g. course check {example}")
    assignment, notebook_id = path.parent.name, path.stem
    known = course.assignments()
    if not known:
        raise CourseError(f"there are no tests to check {notebook} against. Cause: "
                          f"{course.root} has neither solutions/ (the instructor's versions of "
                          "the assignments) nor blank/ (in a learner's copy made by course "
                          "release, the exercises as released). Fix: restore solutions/ (git "
                          "checkout -- solutions), or work in the learner's copy your "
                          "instructor released.")
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
                          f"a fresh copy: {course.fresh_copy(path)}")
    return path, assignment, notebook_id, instructor


def deleted_cells(released, theirs):
    """The nbgrader ids of the released notebook's cells that the learner's no longer has."""
    kept = {cell.metadata.get("nbgrader", {}).get("grade_id") for cell in theirs.cells}
    return [cell.metadata.nbgrader["grade_id"] for cell in released.cells
            if cell.metadata.get("nbgrader", {}).get("grade_id") not in (None, *kept)]


def notebook_in(folder, given, example):
    """The one exercise notebook in ``folder`` (given as ``given``), or CourseError."""
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if len(found) == 1:
        return found[0]
    if not found:
        raise CourseError(f"{given} holds no notebook. Fix: give an exercise's folder or "
                          f"notebook, e.g. course check {example}")
    raise CourseError(f"{given} holds {len(found)} notebooks ({', '.join(p.name for p in found)})"
                      f". Fix: name the one to check, e.g. course check "
                      f"{Path(given) / found[0].name}")


def released_as_source():
    """nbgrader settings to generate from exercises as released (a learner's copy's blank/):
    without ClearSolutions, which would turn each answer cell's stub into nbgrader's bare one
    (and its checksum with it), so the gradebook holds every cell exactly as released."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import ClearSolutions

    steps = GenerateAssignment.class_traits()["preprocessors"].default()
    return {"GenerateAssignment.preprocessors": [step for step in steps
                                                 if step is not ClearSolutions]}


def prepare(course, grading, assignment):
    """Generate ``assignment`` in the grading root, so its gradebook holds every test cell."""
    if not course.learners_copy:
        grading.generate([assignment], explain=False)
        return
    try:
        grading.generate([assignment], explain=False, **released_as_source())
    except CourseError:
        raise CourseError(f"the exercise as released in blank/{assignment}/ could not be "
                          "prepared for checking. Fix: restore blank/ from the course as your "
                          "instructor released it; if it persists, tell your instructor.")


def check(course, notebook, timeout=10):
    """Autograde one notebook in a temporary course root; returns a Report."""
    started = time.monotonic()
    path, assignment, notebook_id, instructor = locate(course, notebook)
    report = Report(str(course.relative(path)), assignment, notebook_id, int(timeout),
                    recordable=course.exercises.resolve() in path.parents,
                    learners_copy=course.learners_copy,
                    instructors_copy=not course.learners_copy
                    and course.solutions.resolve() in path.parents)
    source = notebooks.read(instructor)
    with grading_root(course, [assignment], prefix="course-check-") as grading:
        prepare(course, grading, assignment)
        missing = deleted_cells(notebooks.read(grading.release(assignment) / path.name),
                                notebooks.read(path))
        if missing:
            report.notes.append(
                f"cells deleted from your notebook: {', '.join(missing)}. Test cells are put "
                "back for grading; the others are not, so what they defined is missing. Fix: "
                "copy those cells back from the exercise as released; "
                f"`{course.fresh_copy(path)}` restores the whole notebook (keep your answers "
                "first: it replaces them).")
        grading.submit(assignment, STUDENT, [path])
        result = grading.autograde(assignment, STUDENT, **{
            "Execute.timeout": int(timeout), "CourseDirectory.notebook_id": notebook_id,
            "Execute.timeout_func": limit_per_cell(cell_limits(source, int(timeout)),
                                                   int(timeout))})
        graded = grading.path("autograded", assignment, STUDENT) / path.name
        if not result["success"] or not graded.is_file():
            if kernel_died(result):
                raise CourseError(f"the kernel stopped answering while running {report.notebook}"
                                  " (an endless loop using ever more memory?). Fix: find the loop"
                                  " in your answers, then check again.")
            if missing:
                raise CourseError(f"{report.notebook} could not be graded: {report.notes[0]}")
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


def render(report, colour=False):
    """The table a learner reads; ``colour`` paints each result green or red (a terminal)."""
    if report.learners_copy:
        lines = [f"Checked {report.notebook} as the grader will, on the visible tests: test "
                 f"cells restored from blank/, {report.timeout} s limit per cell. This is a "
                 "learner's copy of the course, without hidden checks: they run when your "
                 "instructor grades.", ""]
    else:
        lines = [f"Checked {report.notebook} as the grader will: tests restored from "
                 f"solutions/, hidden checks included, {report.timeout} s limit per cell.", ""]
    width = max([len(task.name) for task in report.tasks] + [4])
    lines.append(f"  {'task':<{width}}  {'points':>7}  result")
    for task in report.tasks:
        points = f"{task.points:g} / {task.max_points:g}"
        result = paint(task.status, status_colour(task.status), colour) + (
            f": {task.message}" if task.message else "")
        lines.append(f"  {task.name:<{width}}  {points:>7}  {result}")
        if task.details:
            lines += [f"      {line}" for line in task.details.splitlines()] + [""]
    if not report.tasks:
        lines.append("  (this notebook has no graded tests)")
    if report.notes:
        lines += ["", "Fix these first:"]
        lines += [f"  {note}" for note in report.notes]
    lines.append("")
    if report.learners_copy:
        verdict = "All visible tests pass." if report.passed else "Not all visible tests pass yet."
        lines.append(f"Score: {report.points:g} / {report.max_points:g} on the visible tests. "
                     f"{paint(verdict, 'green' if report.passed else 'red', colour)} Hidden "
                     "checks run when your instructor grades what you hand in, on other data, "
                     f"so the grade can be lower. Took {report.seconds:.1f} s.")
    else:
        hidden = report.hidden_checks
        verdict = "All tests pass." if report.passed else "Not all tests pass yet."
        lines.append(f"Score: {report.points:g} / {report.max_points:g}. "
                     f"{paint(verdict, 'green' if report.passed else 'red', colour)} The tests "
                     f"include {hidden} hidden check{'s' if hidden != 1 else ''} (code not "
                     f"shown), as at grading. Took {report.seconds:.1f} s.")
    lines.append(next_step(report))
    return "\n".join(lines)


def next_step(report):
    """What to do now, said after the score."""
    if report.instructors_copy:
        return (f"This is the instructor's copy, in solutions/: nothing is recorded in course "
                f"progress. Learners check exercises/{report.assignment}/{report.notebook_id}"
                ".ipynb.")
    if not report.recordable:
        return ("This notebook is not in exercises/, so its score is not recorded in course "
                "progress.")
    if report.passed:
        return (f"Next: hand it in with `course submit {report.assignment}`; `course progress` "
                "shows what is left.")
    return (f"Next: fix what failed above (the first failure first), then check again: "
            f"course check {report.notebook}")
