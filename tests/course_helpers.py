"""Helpers shared by the course tool's tests (test_course_*.py): copies of the course to work in.

Every course test works in a temporary copy, or only reads the repository: building, checking
and grading never write into the checkout under test.
"""

import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from course import notebooks
from course.cli import main
from course.paths import Course

REPO = Path(__file__).resolve().parent.parent


def copy_course(destination):
    """Copy the course as a fresh clone would have it: tracked files and new, unignored ones,
    with every exercise notebook as published (see ``published``), never a learner's answers.

    (A ``git clone`` would miss work not committed yet; ``git ls-files`` sees both.)
    """
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True, check=True)
    destination = Path(destination)
    for name in filter(None, listed.stdout.split(b"\0")):
        source = REPO / os.fsdecode(name)
        if source.is_file():  # a tracked file deleted in the working tree is skipped
            target = destination / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(published(source))
    return Course(destination)


def published(path):
    """The bytes of a file of the repository as the course publishes it.

    The suite judges the course, not a learner's work in it: an exercise notebook that holds
    answers (a learner running ``make test`` in their own clone) is read as last committed.
    """
    path = Path(path)
    answers = (notebooks.answered_cells(path) if path.suffix == ".ipynb"
               and (REPO / "exercises") in path.resolve().parents else [])
    if not answers:
        return path.read_bytes()
    relative = path.resolve().relative_to(REPO).as_posix()
    shown = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=REPO, capture_output=True)
    if shown.returncode != 0:
        pytest.skip(f"{relative} holds your answers ({', '.join(answers)}) and git has no "
                    "committed copy to test instead: run the tests in a fresh clone")
    return shown.stdout


def published_notebook(path):
    """``published(path)``, read as a notebook."""
    return nbformat.reads(published(path).decode("utf-8"), as_version=4)


def git(folder, *args):
    return subprocess.run(["git", "-c", "user.name=Course Tests", "-c",
                           "user.email=tests@example.com", *args], cwd=folder,
                          capture_output=True, text=True, check=True).stdout


def commit_all(folder):
    """Make ``folder`` a git repository with everything in it committed."""
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "the course as checked out")


def course(root, *argv):
    """Run ``course --root ROOT ARGV...`` in-process; returns its exit code."""
    return main(["--root", str(root), *map(str, argv)])


def exercise_notebooks(course_):
    """``[(assignment, solution path, exercise path)]`` for every notebook of every assignment."""
    return [(assignment, solution, course_.exercises / assignment / solution.name)
            for assignment in course_.assignments()
            for solution in sorted((course_.solutions / assignment).glob("*.ipynb"))]


def marked_lines(notebook, begin, end, markers=True):
    """Every non-blank line of a notebook's cells from a line holding ``begin`` to one holding
    ``end`` (nbgrader's markers), stripped; the markers' own lines too when ``markers``."""
    lines, inside = [], False
    for cell in nbformat.read(notebook, as_version=4).cells:
        for line in cell.source.splitlines():
            opens, closes = begin in line, end in line
            inside = inside or opens
            if inside and line.strip() and (markers or not (opens or closes)):
                lines.append(line.strip())
            inside = inside and not closes
    return lines


def hidden_code(notebook):
    """Every line of hidden test code in an instructor's notebook (never to be printed)."""
    return marked_lines(notebook, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def edit_cells(path, change):
    """Rewrite a notebook, passing each cell's nbgrader metadata and source to ``change``."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        replaced = change(cell.metadata.get("nbgrader", {}), cell.source)
        if replaced is not None:
            cell.source = replaced
    nbformat.write(notebook, path)


def needs(reason):
    """Skip with ``reason``; on CI, where .ci/run installed the web servers, fail instead."""
    if os.environ.get("CI") and "services" in os.environ.get("CI_BACKENDS", "").split(","):
        pytest.fail(reason)
    pytest.skip(reason)


# How an assignment's tests name the programs they start with course.services or course.repos
# (called, or handed to a helper that calls them), and the program each needs.
PROGRAM_CALLS = {"services.nginx": "nginx", "services.apache": "apache",
                 "services.varnish": "varnishd", "repos.": "git"}


def lacking(assignment):
    """Why this machine cannot grade ``assignment`` in full (a program its tests start is not
    installed: the message says which and how to install it), or None."""
    from course import services

    text = "".join(path.read_text(encoding="utf-8")
                   for path in (REPO / "solutions" / assignment).glob("*.ipynb"))
    for call, program in PROGRAM_CALLS.items():
        if call in text:
            try:
                services.require(program)
            except services.Missing as missing:
                return f"{assignment}: {missing}"
    return None


def needs_programs_of(assignment):
    """Skip (or fail on CI) a test of ``assignment`` that this machine cannot grade in full."""
    reason = lacking(assignment)
    if reason:
        needs(reason)
