"""Benchmark: a class of 40 submissions graded by plain nbgrader and by ``course grade``.

    .venv/bin/python -m tests.benchmark_grading [--students 40] [--jobs N]

Plain nbgrader is run as an instructor would run it by hand, one command after another in a
course root of its own: ``nbgrader autograde`` (every student, one at a time, kernels
unsandboxed), then ``nbgrader generate_feedback``. ``course grade`` does both, and more, in
one command, each kernel sandboxed, ``--jobs`` students at a time. The script checks that both
give every student the same score, then prints the times and the speed-up. Not a test: a
measurement, printed; the README records its figures.
"""

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.grade import default_jobs
from tests.course_helpers import REPO
from tests.submissions import ASSIGNMENT, NOTEBOOK, answered, blank_answers

BIN = Path(sys.executable).parent


def make_class(folder, students):
    """``folder/<student>/NOTEBOOK``: half full marks, a quarter blank, a quarter with one
    task answered, so that scores differ."""
    blank = blank_answers()
    kinds = [answered(), answered(), answered(blank_answers()),
             answered({name: source for name, source in blank.items() if name != "count-tags"})]
    names = [f"student{number:02d}" for number in range(1, students + 1)]
    for number, name in enumerate(names):
        (folder / name).mkdir(parents=True)
        (folder / name / NOTEBOOK).write_bytes(kinds[number % len(kinds)])
    return names


def run(command, cwd):
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"})
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{done.stdout[-2000:]}"
                 f"{done.stderr[-2000:]}")
    return time.monotonic() - started


def plain_nbgrader(work, submissions, names):
    """Grade with nbgrader's own commands; returns (autograde s, feedback s, scores)."""
    root = work / "nbgrader"
    shutil.copytree(REPO / "solutions" / ASSIGNMENT, root / "solutions" / ASSIGNMENT)
    shutil.copyfile(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    nbgrader = [str(BIN / "nbgrader")]
    run([*nbgrader, "generate_assignment", ASSIGNMENT, "--force"], root)
    for name in names:
        target = root / "submitted" / name / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copyfile(submissions / name / NOTEBOOK, target / NOTEBOOK)
    autograde = run([*nbgrader, "autograde", ASSIGNMENT], root)
    feedback = run([*nbgrader, "generate_feedback", ASSIGNMENT], root)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "backend-course") as book:
        scores = {s.student.id: s.score for s in book.find_assignment(ASSIGNMENT).submissions}
    return autograde, feedback, scores


def course_grade(work, submissions, jobs):
    out = work / f"course-grade-{jobs}"
    seconds = run([str(BIN / "course"), "--root", str(REPO), "grade", ASSIGNMENT,
                   "--submissions", str(submissions), "--out", str(out), "--jobs", str(jobs),
                   "--timeout", "30"], work)
    with open(out / "grades.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    return seconds, {row["student_id"]: float(row["score"]) for row in rows}, rows, out


def where_time_goes(out):
    """A student's median seconds per step of grading, from the run's result files."""
    phases = {}
    for path in (out / "results").glob("*.json"):
        for phase, seconds in json.loads(path.read_text()).get("phases", {}).items():
            phases.setdefault(phase, []).append(seconds)
    return ", ".join(f"{phase} {statistics.median(values):.2f}"
                     for phase, values in sorted(phases.items(), key=lambda item: -max(item[1])))


def main(argv=None):
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--students", type=int, default=40)
    cores = os.cpu_count() or 1
    options.add_argument("--jobs", type=int, nargs="+", default=[default_jobs(), cores],
                         help="course grade's workers, one run each (default: its default, "
                              "then the number of cores)")
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as folder:
        work = Path(folder)
        submissions = work / "class"
        names = make_class(submissions, args.students)
        print(f"{args.students} submissions of {ASSIGNMENT}, {os.cpu_count()} cores", flush=True)
        autograde, feedback, plain = plain_nbgrader(work, submissions, names)
        print(f"  nbgrader autograde:            {autograde:6.1f} s", flush=True)
        print(f"  + nbgrader generate_feedback:  {autograde + feedback:6.1f} s", flush=True)
        for jobs in args.jobs:
            seconds, ours, rows, out = course_grade(work, submissions, jobs)
            label = f"--jobs {jobs}" + (" (the default)" if jobs == default_jobs() else "")
            print(f"  course grade {label}: {seconds:6.1f} s  (sandboxed, with "
                  f"feedback and grades.csv): {autograde / seconds:.2f}x over autograde, "
                  f"{(autograde + feedback) / seconds:.2f}x over autograde + feedback",
                  flush=True)
            print(f"    a student's median seconds: {where_time_goes(out)}", flush=True)
            if ours != plain:
                differ = sorted(name for name in names if ours.get(name) != plain.get(name))
                sys.exit(f"the scores differ for {', '.join(differ)}: nbgrader "
                         f"{[plain.get(n) for n in differ]}, course grade "
                         f"{[ours.get(n) for n in differ]}")
        statuses = {row["status"] for row in rows}
        print(f"Same score for every student in every run ({sum(ours.values()):g} points in "
              f"all; statuses: {', '.join(sorted(statuses))}).")

if __name__ == "__main__":
    main()
