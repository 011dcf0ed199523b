"""``course grade``: a whole class's submissions graded with one command, in parallel, safely.

What it does, in ``OUT`` (never inside the course's repository)::

    OUT/grades.csv                 one row per student found: score, max_score, status, notes
    OUT/ignored.csv                every file that was not graded, and why
    OUT/feedback/<student>/*.html  each student's feedback: tasks, points, failure messages
    OUT/course/                    the nbgrader course root: solutions, the class's gradebook,
                                   submitted/ and autograded/ notebooks, for the record
    OUT/results/<student>.json     what grading found, per student: how a re-run resumes
    OUT/work/                      each student's scratch course root while grading

Each student is graded by nbgrader's own ``autograde`` in a scratch course root of their own,
in a pool of worker processes, their kernels sandboxed (``course.sandbox``). Only the main
process writes the class's gradebook: it merges each student's grades in as they arrive, then
writes the student's result file and grades.csv, so an interrupted run loses nothing already
graded and a re-run grades only what is new or changed.
"""

import csv
import hashlib
import json
import os
import shutil
import signal
import statistics
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from . import feedback, notebooks
from .check import errors, judge_all
from .collect import collect
from .grading import (IGNORED, GradingRoot, create_gradebook, kernel_died, problems,
                      quiet_nbgrader, venv_on_path)
from .paths import Course, CourseError

UIDS_PER_RUN = 1000
FORMULA = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["student_id", "assignment", "timestamp", "score", "max_score", "status", "notes"]
# Statuses, worst first: a student's row shows the worst thing that happened while grading.
STATUSES = ["grading failed", "no notebook", "unreadable notebook", "kernel died",
            "out of memory", "timed out", "needs review", "graded"]
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

    def row(self):
        return {"student_id": self.student_id, "assignment": self.assignment,
                "timestamp": self.timestamp or "", "score": f"{self.score:g}",
                "max_score": f"{self.max_score:g}", "status": self.status,
                "notes": "; ".join(self.notes)}


# ---------------------------------------------------------------- in the worker processes

def start_worker():
    """Import what grading needs once per worker, while the main process prepares.

    Ctrl-C reaches the workers too: they stop at once and quietly (their kernels die with
    them), and the main process, which keeps what was graded, says what happened.
    """
    from .cli import skip_slow_imports

    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    skip_slow_imports()
    import nbgrader.apps  # noqa: F401
    import nbgrader.converters  # noqa: F401

    from . import sandbox  # noqa: F401


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
    venv_on_path()
    course, out = Course(Path(job.course_root)), Path(job.out)
    main = GradingRoot(course, out / "course")
    root = out / "work" / job.student
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out / "feedback" / job.student, ignore_errors=True)
    grading = GradingRoot(course, root)
    shutil.copytree(main.source(job.assignment), grading.source(job.assignment))
    shutil.copyfile(template_path(out), grading.gradebook)
    max_score = assignment_max_score(grading, job.assignment)
    result = Result(job.student, job.assignment, 0.0, max_score, "graded")

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

    from .sandbox import TRUNCATED, SandboxedExecute

    pipeline = [SandboxedExecute if step is Execute else step
                for step in Autograde.class_traits()["autograde_preprocessors"].make_dynamic_default()]
    overrides = {"Execute.timeout": job.timeout,
                 "Autograde.autograde_preprocessors": pipeline,
                 "SandboxedKernelManager.uid": job.uid,
                 "SandboxedKernelManager.work_root": str(out / "work"), **job.sandbox}
    outcome = grading.autograde(job.assignment, job.student, **overrides)
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
        instructor = notebooks.read(grading.source(job.assignment) / path.name)
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
        shown.append((path, tasks, graded, hidden))
    for path, tasks, graded, hidden in shown:
        write_page(out, job, result, tasks, graded, path.stem, hidden)
    shutil.copyfile(grading.gradebook, gradebook_path(out, job.student))
    shutil.rmtree(root, ignore_errors=True)
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


def template_path(out):
    """The empty class gradebook each student starts from. Names the grader keeps in OUT/work
    start with a dot: a student id cannot, so no student's folder can take their place."""
    return out / "work" / ".gradebook-template.db"


def gradebook_path(out, student):
    """A student's gradebook, from their scratch root to the main process's merge."""
    return out / "work" / ".gradebooks" / f"{student}.db"


def worst(status, other):
    return min(status, other, key=STATUSES.index)


def assignment_max_score(grading, assignment):
    with grading.open_gradebook() as gradebook:
        return float(gradebook.find_assignment(assignment).max_score)


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


# ---------------------------------------------------------------- in the main process

def fingerprint(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def folder_fingerprint(folder):
    return fingerprint(*[item for path in sorted(Path(folder).rglob("*")) if path.is_file()
                         for item in (str(path.relative_to(folder)), path.read_bytes())])


def prepare(course, assignment, out):
    """The class's course root in ``OUT/course``, with the assignment generated there, and
    ``template_path(out)``, the gradebook each student's scratch root starts from.

    When the solutions change, the class's gradebook starts again: every student's result
    then carries the old version's fingerprint, so everyone is graded again.
    """
    main = GradingRoot(course, out / "course")
    version = folder_fingerprint(course.solutions / assignment)
    stamp = out / "course" / "solutions-version.txt"
    template = template_path(out)
    if stamp.is_file() and stamp.read_text() == version and template.is_file():
        return main, version
    shutil.rmtree(main.source(assignment), ignore_errors=True)
    shutil.copytree(course.solutions / assignment, main.source(assignment), ignore=IGNORED)
    main.gradebook.unlink(missing_ok=True)
    create_gradebook(main.gradebook)
    main.generate([assignment])
    shutil.copyfile(main.gradebook, template)
    stamp.write_text(version)
    return main, version


def merge(main, result, gradebook_of_student):
    """Put one student's grades into the class's gradebook (only the main process writes it)."""
    from nbgrader.api import MissingEntry

    found = {}
    if gradebook_of_student and Path(gradebook_of_student).is_file():
        with main.open_gradebook(gradebook_of_student) as theirs:
            try:
                graded = theirs.find_submission(result.assignment, result.student_id).notebooks
            except MissingEntry:
                graded = []
            found = {(notebook.name, grade.name): (grade.auto_score, grade.needs_manual_grade)
                     for notebook in graded for grade in notebook.grades}
    with main.open_gradebook() as book:
        book.update_or_create_student(result.student_id)
        try:
            book.remove_submission(result.assignment, result.student_id)
        except MissingEntry:
            pass
        book.add_submission(result.assignment, result.student_id)
        for notebook in book.find_submission(result.assignment, result.student_id).notebooks:
            for grade in notebook.grades:
                score, manual = found.get((notebook.name, grade.name), (0.0, False))
                grade.auto_score, grade.needs_manual_grade = score, manual
        book.db.commit()


class Progress:
    """A progress line on stderr: students done, and an estimate of the time left."""

    def __init__(self, total, stream=None):
        self.total, self.done, self.graded = total, 0, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, result, fresh):
        self.done += 1
        self.graded += fresh
        elapsed = time.monotonic() - self.started
        left = (self.total - self.done) * elapsed / self.graded if self.graded else 0
        width = 24
        bar = "#" * round(width * self.done / max(self.total, 1))
        how = f"{result.status}, {result.score:g}/{result.max_score:g}"
        if not fresh:
            how += ", already graded"
        line = (f"[{bar:<{width}}] {self.done}/{self.total} {result.student_id}: {how}"
                f"  (about {int(left) // 60}:{int(left) % 60:02d} left)")
        if self.live:
            self.stream.write("\r\x1b[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


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


def check_out_folder(course, out):
    out = Path(out).expanduser().resolve()
    if out == course.root or course.root in out.parents:
        raise CourseError(f"{out} is inside the course's repository, where student work and "
                          "grades must not land. Fix: pass a folder outside it, e.g. --out "
                          "~/grading/ASSIGNMENT")
    if out.exists() and not out.is_dir():
        raise CourseError(f"{out} is a file. Fix: pass a folder for the results.")
    return out


def grade(course, assignment, submissions, out, jobs=None, timeout=10, force=False,
          stream=None, sandbox=None):
    """Grade every student found in ``submissions``; returns the list of Results."""
    stream = stream or sys.stderr
    if assignment not in course.assignments():
        raise CourseError(f"there is no assignment {assignment!r} in solutions/ (there are: "
                          f"{', '.join(course.assignments()) or 'none'}). Fix: give its folder "
                          "name, e.g. course grade 04-apis --submissions class.zip --out DIR")
    out = check_out_folder(course, out)
    venv_on_path()
    names = {path.name for path in (course.solutions / assignment).glob("*.ipynb")}
    regexp = GradingRoot(course, out).settings().FileNameCollectorPlugin.named_regexp
    found = collect(submissions, assignment, names, regexp)
    if not found.submissions:
        raise CourseError(f"no student's submission was found in {submissions}. "
                          + (f"{len(found.ignored)} files were ignored, e.g. "
                             f"{found.ignored[0][0]}: {found.ignored[0][1]}. " if found.ignored
                             else "") + "Fix: pass the zip of the class's submissions, or a "
                          "folder with one sub-folder per student.")
    out.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(found.submissions)))
    # The workers start first: their imports take seconds, the time it takes to prepare.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                             initializer=start_worker) as pool:
        for _ in range(workers):
            pool.submit(ready)
        from .sandbox import WORK_MARKER, probe

        (out / "work" / ".gradebooks").mkdir(parents=True, exist_ok=True)
        (out / "work" / WORK_MARKER).touch()
        for stale in (out / "work").glob(".sandbox-*"):  # left by an interrupted run
            shutil.rmtree(stale, ignore_errors=True)
        (out / "results").mkdir(exist_ok=True)
        if sandbox is None:
            found_sandbox = probe()
            if found_sandbox.warning:
                stream.write(f"WARNING: {found_sandbox.warning}\n")
            sandbox = found_sandbox.config
        write_csv(out / "ignored.csv", [{"file": name, "reason": reason}
                                       for name, reason in found.all_ignored()],
                  ["file", "reason"])
        with quiet_nbgrader():
            main, version = prepare(course, assignment, out)
        return grade_all(pool, workers, main, version, found, out, assignment, timeout,
                         sandbox, force, stream)


def grade_all(pool, workers, main, version, found, out, assignment, timeout, sandbox, force,
              stream):
    """Grade what is new or changed, with ``pool``; returns every student's Result."""
    from .sandbox import FIRST_UID

    # Sandbox users of their own, so that two runs at once never share a process limit.
    first_uid = FIRST_UID + (os.getpid() % 1000) * UIDS_PER_RUN

    students = sorted(found.submissions)
    results, pending = {}, []
    for number, student in enumerate(students):
        submission = found.submissions[student]
        print_of = fingerprint(version, timeout, json.dumps(sandbox, sort_keys=True),
                               *[item for name in sorted(submission.notebooks)
                                 for item in (name, submission.notebooks[name])])
        earlier = load_result(out / "results" / f"{student}.json")
        if earlier and earlier.fingerprint == print_of and not force:
            results[student] = earlier
            continue
        hand_in(main, assignment, submission)
        job = Job(str(main.course.root), str(out), assignment, student, timeout,
                  first_uid + number % UIDS_PER_RUN, sandbox, submission.timestamp)
        notes = [f"ignored {name}: {reason}" for name, reason in submission.ignored]
        pending.append((job, print_of, notes))

    progress = Progress(len(students), stream)
    for student in students:
        if student in results:
            progress.step(results[student], fresh=False)

    def save():
        write_csv(out / "grades.csv", [results[s].row() for s in students if s in results],
                  COLUMNS)

    if pending:
        workers = min(workers, len(pending))
        stream.write(f"Grading {len(pending)} of {len(students)} students with {workers} "
                     f"worker{'s' if workers != 1 else ''}, {timeout} s limit per cell.\n")
        futures = {pool.submit(grade_student, job): (job, print_of, notes)
                   for job, print_of, notes in pending}
        try:
            for future in as_completed(futures):
                job, print_of, notes = futures[future]
                try:
                    result = future.result()
                except Exception as error:  # the worker process itself died
                    result = Result(job.student, assignment, 0.0, 0.0, "grading failed",
                                    [f"the grading process died ({error})"],
                                    timestamp=job.timestamp)
                result.notes += notes
                result.fingerprint = print_of if result.status != "grading failed" else ""
                keep(main, out, result)
                results[job.student] = result
                save()
                progress.step(result, fresh=True)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            save()
            stream.write(f"\nInterrupted: {len(results)} of {len(students)} students are "
                         "graded and kept. Run the same command again to grade the rest.\n")
            raise
    save()
    return [results[s] for s in students]


def hand_in(main, assignment, submission):
    """Place a submission in the class's course root, as nbgrader's ``submitted/`` holds it."""
    folder = main.path("submitted", assignment, submission.student)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in submission.notebooks.items():
        (folder / name).write_bytes(content)
    if submission.timestamp:
        (folder / "timestamp.txt").write_text(submission.timestamp)


def keep(main, out, result):
    """Record a finished student: the gradebook first, then the result file that marks it done."""
    theirs = gradebook_path(out, result.student_id)
    if result.max_score:
        merge(main, result, theirs)
    theirs.unlink(missing_ok=True)
    write_json(out / "results" / f"{result.student_id}.json", asdict(result))


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
