"""``course grade``: a whole class's submissions graded with one command, in parallel, safely.

What it does, in ``OUT`` (never inside the course's repository)::

    OUT/grades.csv                 one row per student found: score, max_score, status, notes
    OUT/ignored.csv                every file that was not graded, and why
    OUT/feedback/<student>/*.html  each student's feedback: tasks, points, failure messages
    OUT/course/                    the nbgrader course root: solutions, the class's gradebook,
                                   submitted/ and autograded/ notebooks, for the record
    OUT/results/<student>.json     what grading found, per student: how a re-run resumes
    OUT/work/                      each student's scratch course root while grading

This module is the run, in the main process: it finds the submissions (``course.collect``),
prepares the class's course root (``course.gradebook``), hands each student to a pool of
worker processes (``course.autograde``, their kernels sandboxed by ``course.sandbox``) and
keeps each result as it arrives (``course.results``). Only the main process writes the
class's gradebook: it merges each student's grades in, then writes the student's result file
and grades.csv, so an interrupted run loses nothing already graded and a re-run grades only
what is new or changed.
"""

import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict
from multiprocessing import get_context
from pathlib import Path

from .autograde import Job, grade_student, ready, start_worker
from .collect import collect
from .gradebook import assignment_max_score, gradebook_path, merge, prepare
from .grading import GradingRoot, quiet_nbgrader, venv_on_path
from .paths import CourseError
from .results import COLUMNS, Result, fingerprint, load_result, write_csv, write_json

UIDS_PER_RUN = 1000
JOBS_PER_CORE = 2
MEMORY_PER_JOB = 1024**3  # a grading kernel with its reference server uses under half of it


def default_jobs():
    """Students graded at once when ``--jobs`` is not given: two per core, since a grading
    kernel spends much of its time waiting (on its start, on its own reference server, on
    the grader), but no more than the free memory holds at ``MEMORY_PER_JOB`` each."""
    cores = os.cpu_count() or 1
    try:
        free = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not every system reports free memory
        free = 0
    return max(1, min(JOBS_PER_CORE * cores, free // MEMORY_PER_JOB if free > 0 else cores))


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
    workers = max(1, min(jobs or default_jobs(), len(found.submissions)))
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
            max_score = assignment_max_score(main, assignment)
        return grade_all(pool, workers, main, version, max_score, found, out, assignment,
                         timeout, sandbox, force, stream)


def grade_all(pool, workers, main, version, max_score, found, out, assignment, timeout,
              sandbox, force, stream):
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
                  first_uid + number % UIDS_PER_RUN, sandbox, submission.timestamp,
                  max_score)
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
                # Graded again next time: a failure of grading, and a grade that lacked a
                # program (nginx, ...) the machine may have by then.
                result.fingerprint = ("" if result.status in ("grading failed", "needs a program")
                                      else print_of)
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
    started = time.monotonic()
    if result.max_score:
        merge(main, result, theirs)
    result.phases["merge"] = time.monotonic() - started
    theirs.unlink(missing_ok=True)
    write_json(out / "results" / f"{result.student_id}.json", asdict(result))
