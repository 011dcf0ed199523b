"""One student graded, in a worker process: nbgrader's ``autograde`` in a scratch course root
of their own, their kernel sandboxed (``course.sandbox``), then their feedback pages.

``grade_student`` never raises: whatever happens becomes the student's ``Result``, with a
status and notes, for the main process to keep.
"""

import os
import shutil
import signal
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

from . import feedback, notebooks
from .check import cell_limits, errors, judge_all, limit_per_cell
from .gradebook import gradebook_path, template_path
from .grading import GradingRoot, kernel_died, problems, venv_on_path
from .paths import Course
from .results import Result, worst
from .startup import skip_slow_imports

INTERNALS = ("get_ipython", "input_transformers", "ast_transformers", "events.register",
             "set_custom_exc", "settrace", "setprofile", "builtins", "sys.modules",
             "ctypes", "gc.get_objects")


@dataclass
class Job:
    """Everything a worker needs to grade one student (sent to another process)."""

    course_root: str
    out: str
    assignment: str
    student: str
    timeout: int
    uid: int
    sandbox: dict
    timestamp: str | None = None
    max_score: float = 0.0  # the assignment's, read once per class from its gradebook


def start_worker():
    """Import what grading needs once per worker, while the main process prepares.

    Ctrl-C reaches the workers too: they stop at once and quietly (their kernels die with
    them), and the main process, which keeps what was graded, says what happened.
    """
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    skip_slow_imports()
    import nbgrader.apps  # noqa: F401
    import nbgrader.converters  # noqa: F401

    from . import sandbox  # noqa: F401

    validate_cell_metadata_once_compiled()


class CompiledSchemas:
    """``jsonschema.validate`` as nbgrader calls it on every cell's metadata, with each schema
    checked and compiled once rather than on every call (which is most of its cost): the same
    validation, raising the same error (``best_match``, as ``jsonschema.validate`` does)."""

    def __init__(self):
        import jsonschema

        self._jsonschema, self._validators = jsonschema, {}

    def validate(self, instance, schema):
        key = id(schema)
        if key not in self._validators:
            cls = self._jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            self._validators[key] = (schema, cls(schema))  # the schema kept alive with its id
        error = self._jsonschema.exceptions.best_match(
            self._validators[key][1].iter_errors(instance))
        if error is not None:
            raise error

    def __getattr__(self, name):
        return getattr(self._jsonschema, name)


def validate_cell_metadata_once_compiled():
    """nbgrader validates each cell's metadata twice per notebook graded, compiling its schema
    each time: in a worker, let it use ``CompiledSchemas`` instead."""
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, CompiledSchemas):
        common.jsonschema = CompiledSchemas()


def ready():
    """A task that does nothing: sent once per worker so that all of them start at once."""
    return os.getpid()


def grade_student(job):
    """Grade one student in a scratch course root; returns a Result (never raises)."""
    started = time.monotonic()
    try:
        result = _grade(job)
    except Exception:
        result = Result(job.student, job.assignment, 0.0, 0.0, "grading failed",
                        [traceback.format_exc(limit=3).strip().splitlines()[-1]])
    result.timestamp = job.timestamp
    result.seconds = time.monotonic() - started
    return result


def _grade(job):
    started = time.monotonic()
    venv_on_path()
    course, out = Course(Path(job.course_root)), Path(job.out)
    main = GradingRoot(course, out / "course")
    root = out / "work" / job.student
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out / "feedback" / job.student, ignore_errors=True)
    grading = GradingRoot(course, root)
    shutil.copytree(main.source(job.assignment), grading.source(job.assignment))
    shutil.copyfile(template_path(out), grading.gradebook)
    result = Result(job.student, job.assignment, 0.0, job.max_score, "graded")

    submitted = grading.path("submitted", job.assignment, job.student)
    readable = {}  # each readable notebook's path: the learners' version of it
    for path in sorted(main.path("submitted", job.assignment, job.student).glob("*.ipynb")):
        try:
            handed_in = notebooks.read(path)
        except ValueError as error:
            result.notes.append(f"{path.name} is not a readable notebook: "
                                + str(error).rsplit("(", 1)[-1].rstrip(")")[:200])
            continue
        released = notebooks.read(main.release(job.assignment) / path.name)
        result.notes += edited_tests(handed_in, released, path.name)
        tricks = uses_internals(handed_in, released)
        if tricks:
            result.status = worst(result.status, "needs review")
            result.notes.append(f"{path.name}: its answers use {', '.join(tricks)}, with which "
                                "code can change how the tests run: check it by hand")
        submitted.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, submitted / path.name)
        readable[path] = released
    if not readable:
        result.status = "unreadable notebook" if result.notes else "no notebook"
        if not result.notes:
            result.notes.append("no notebook of this assignment was handed in")
        write_page(out, job, result)
        shutil.rmtree(root, ignore_errors=True)
        return result

    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    from .sandbox import PHASES, TRUNCATED, SandboxedExecute

    pipeline = [SandboxedExecute if step is Execute else step
                for step in Autograde.class_traits()["autograde_preprocessors"].make_dynamic_default()]
    instructors = {path: notebooks.read(grading.source(job.assignment) / path.name)
                   for path in readable}
    limits = {}
    for instructor in instructors.values():
        limits |= cell_limits(instructor, job.timeout)
    # A graded kernel has nothing left to do: it is killed, with everything it started, rather
    # than asked to stop and waited for.
    overrides = {"Execute.timeout": job.timeout, "Execute.shutdown_kernel": "immediate",
                 "Execute.timeout_func": limit_per_cell(limits, job.timeout),
                 "Autograde.autograde_preprocessors": pipeline,
                 "SandboxedKernelManager.uid": job.uid,
                 "SandboxedKernelManager.work_root": str(out / "work"), **job.sandbox}
    PHASES.clear()
    result.phases["setting up"] = time.monotonic() - started
    outcome = grading.autograde(job.assignment, job.student, **overrides)
    result.phases.update(PHASES)
    result.phases["nbgrader"] = time.monotonic() - started - sum(result.phases.values())
    done_autograding = time.monotonic()
    graded_folder = grading.path("autograded", job.assignment, job.student)
    if not outcome["success"]:
        if kernel_died(outcome):
            result.status = "kernel died"
            result.notes.append("the kernel died or stopped answering (it exited, crashed, "
                                "or ran out of CPU time): the notebook scores zero")
        else:
            result.status = "grading failed"
            result.notes.append("nbgrader could not grade it: "
                                + problems(outcome, grading.root, limit=3).strip())
        write_page(out, job, result)
        shutil.rmtree(root, ignore_errors=True)
        return result

    record = main.path("autograded", job.assignment, job.student)
    shutil.rmtree(record, ignore_errors=True)
    shutil.copytree(graded_folder, record, symlinks=True)
    shown = []
    for path, released in readable.items():
        graded = notebooks.read(graded_folder / path.name)
        scores = grading.grades(job.assignment, job.student, path.stem)
        instructor = instructors[path]
        hidden = feedback.hidden_only_lines(instructor, released)
        tasks = [asdict(task) | {"notebook": path.stem}
                 for task in judge_all(graded, instructor, scores, job.timeout)]
        for cell in graded.cells:
            for error in errors(cell):
                if error.get("ename") == "MemoryError":
                    result.status = worst(result.status, "out of memory")
                if error.get("ename") == "CellTimeoutError":
                    result.status = worst(result.status, "timed out")
            if any(TRUNCATED in output.get("text", "") for output in cell.get("outputs", [])):
                result.notes.append(f"{path.name}: output cut to the grader's limit")
        result.tasks += tasks
        result.score += sum(task["points"] for task in tasks)
        for task in tasks:
            if task["failure"] == "missing":  # the grading machine's lack, not the student's
                result.status = worst(result.status, "needs a program")
                result.notes.append(f"{task['name']}: {task['message']}")
        started_up = [task for task in tasks if task["failure"] == "did not start"]
        if started_up:  # the capstone's create_app raised: say so once, with where
            result.status = worst(result.status, "server did not start")
            result.notes.append(f"{path.name}: {started_up[0]['message']}")
        shown.append((path, tasks, graded, hidden))
    for path, tasks, graded, hidden in shown:
        write_page(out, job, result, tasks, graded, path.stem, hidden)
    shutil.copyfile(grading.gradebook, gradebook_path(out, job.student))
    shutil.rmtree(root, ignore_errors=True)
    result.phases["feedback"] = time.monotonic() - done_autograding
    return result


def write_page(out, job, result, tasks=(), notebook=None, name=None, hidden=()):
    """OUT/feedback/<student>/<notebook or assignment>.html"""
    target = out / "feedback" / job.student
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name or job.assignment}.html").write_text(
        feedback.page(job.assignment, job.student, result.status, result.score,
                      result.max_score, tasks, result.notes, notebook, hidden),
        encoding="utf-8")


def uses_internals(notebook, released):
    """What, of the hooks into IPython and Python that can rewrite or skip the test cells,
    the student's own code uses (cells not as handed out). A kernel cannot be kept from its
    own internals: such a submission's score is flagged for a person to check."""
    given = {cell.source for cell in released.cells}
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code"
                     and cell.source not in given)
    return [name for name in INTERNALS if name in code]


def edited_tests(handed_in, released, name):
    """Notes on the graded test cells a student changed or deleted (grading restores them)."""
    theirs = {cell.metadata.nbgrader["grade_id"]: cell.source for cell in handed_in.cells
              if cell.metadata.get("nbgrader", {}).get("grade")}
    notes = []
    changed = [cell.metadata.nbgrader["grade_id"] for cell in released.cells
               if cell.metadata.get("nbgrader", {}).get("grade")
               and cell.metadata.nbgrader["grade_id"] in theirs
               and theirs[cell.metadata.nbgrader["grade_id"]].strip() != cell.source.strip()]
    missing = [cell.metadata.nbgrader["grade_id"] for cell in released.cells
               if cell.metadata.get("nbgrader", {}).get("grade")
               and cell.metadata.nbgrader["grade_id"] not in theirs]
    if changed:
        notes.append(f"{name}: test cells edited ({', '.join(changed)}), graded with the "
                     "instructor's version")
    if missing:
        notes.append(f"{name}: test cells deleted ({', '.join(missing)}), put back for grading")
    return notes
