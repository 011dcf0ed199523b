"""The learner's loop says what to do at each step: check, the next step, progress, submit.

Each test runs the real commands in a copy of the course (``course --root COPY ...``) and reads
what a learner reads.
"""

import io
import re

import nbformat
import pytest

from course.terminal import wants_colour

from .course_helpers import copy_course, course, edit_cells, exercise_notebooks
from .submissions import solution_cells

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def copy(tmp_path):
    return copy_course(tmp_path / "course")


@pytest.fixture
def first(copy):
    return exercise_notebooks(copy)[0]


def answer_everything(exercise, assignment):
    answers = solution_cells(assignment)
    edit_cells(exercise, lambda info, source: answers.get(info.get("grade_id"))
               if info.get("solution") else None)


def test_check_takes_the_exercise_folder_and_says_what_comes_next(copy, first, capsys):
    assignment, _, exercise = first
    answer_everything(exercise, assignment)
    assert course(copy.root, "check", exercise.parent) == 0
    shown = capsys.readouterr().out
    assert "All tests pass" in shown and "\x1b[" not in shown, "no colour when piped"
    assert f"Next: hand it in with `course submit {assignment}`" in shown, shown

    assert course(copy.root, "progress") == 0
    progress = capsys.readouterr().out
    following = copy.released()[1]
    assert f"Next: start {following}" in progress, progress
    assert f"course check exercises/{following}" in progress


def test_a_failed_check_says_to_fix_and_check_again(copy, first, capsys):
    assignment, _, exercise = first
    assert course(copy.root, "check", exercise) == 1
    shown = capsys.readouterr().out
    assert "Next: fix what failed above" in shown
    assert f"course check exercises/{assignment}/{exercise.name}" in shown


def test_the_instructors_copy_is_checked_but_never_recorded(copy, first, capsys):
    assignment, solution, _ = first
    in_copy = copy.solutions / assignment / solution.name
    assert course(copy.root, "check", in_copy) == 0
    shown = capsys.readouterr().out
    assert "This is the instructor's copy, in solutions/: nothing is recorded" in shown, shown
    assert course(copy.root, "progress") == 0
    assert re.search(rf"{assignment}\s+- / \d+\s+not checked yet", capsys.readouterr().out)


def test_a_folder_with_no_notebook_gets_a_fix(copy, tmp_path, capsys):
    empty = tmp_path / "00-start-here"
    empty.mkdir()
    assert course(copy.root, "check", empty) == 2
    error = capsys.readouterr().err
    assert "holds no notebook" in error and "Fix:" in error


def test_deleted_cells_are_named(copy, first, capsys):
    assignment, _, exercise = first
    notebook = nbformat.read(exercise, as_version=4)
    gone = [cell for cell in notebook.cells
            if not cell.metadata.get("nbgrader", {}).get("grade")][:2]
    notebook.cells = [cell for cell in notebook.cells if cell not in gone]
    nbformat.write(notebook, exercise)
    course(copy.root, "check", exercise)
    shown = capsys.readouterr()
    text = shown.out + shown.err
    names = [cell.metadata.nbgrader["grade_id"] for cell in gone]
    assert f"cells deleted from your notebook: {', '.join(names)}" in text, text
    assert "There was an error processing assignment" not in text


def test_submit_warns_when_never_checked_failed_or_named_after_the_login(copy, first, capsys,
                                                                          monkeypatch):
    assignment, _, exercise = first
    monkeypatch.delenv("COURSE_STUDENT", raising=False)
    assert course(copy.root, "submit", assignment) == 0
    warned = capsys.readouterr().err
    assert "was never checked" in warned and "no --student was given" in warned, warned

    assert course(copy.root, "check", exercise) == 1
    capsys.readouterr()
    assert course(copy.root, "submit", assignment, "--student", "ada") == 0
    warned = capsys.readouterr().err
    assert "failed its last check (0 / " in warned and "--student" not in warned, warned

    answer_everything(exercise, assignment)
    assert course(copy.root, "check", exercise) == 0
    capsys.readouterr()
    assert course(copy.root, "submit", assignment, "--student", "ada") == 0
    assert capsys.readouterr().err == "", "a passing, checked, named submission has no warning"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from course.check import Report, Task, render

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wants_colour(Terminal()) and not wants_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(Terminal())

    report = Report("exercises/x/x.ipynb", "x", "x", 10, recordable=True, tasks=[
        Task("test-a", 1, 1, "passed"), Task("test-b", 0, 2, "failed", "must be 2")])
    painted = render(report, colour=True)
    assert "\x1b[32mpassed\x1b[0m" in painted and "\x1b[31mfailed\x1b[0m" in painted
    assert ANSI.sub("", painted) == render(report), "colour must change nothing but colour"
