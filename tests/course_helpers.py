"""Helpers shared by the course tool's tests (test_course_*.py): copies of the course to work in.

Every course test works in a temporary copy, or only reads the repository: building, checking
and grading never write into the checkout under test.
"""

import os
import shutil
import subprocess
from pathlib import Path

import nbformat

from course.cli import main
from course.paths import Course

REPO = Path(__file__).resolve().parent.parent


def copy_course(destination):
    """Copy the course as a fresh clone would have it: tracked files and new, unignored ones.

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
            shutil.copyfile(source, target)
    return Course(destination)


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


def hidden_code(notebook):
    """Every line of hidden test code in an instructor's notebook (never to be printed)."""
    lines, inside = [], False
    for cell in nbformat.read(notebook, as_version=4).cells:
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            if inside and line.strip():
                lines.append(line.strip())
            if "END HIDDEN TESTS" in line:
                inside = False
    return lines


def edit_cells(path, change):
    """Rewrite a notebook, passing each cell's nbgrader metadata and source to ``change``."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        replaced = change(cell.metadata.get("nbgrader", {}), cell.source)
        if replaced is not None:
            cell.source = replaced
    nbformat.write(notebook, path)
