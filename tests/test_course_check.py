"""``course check`` and ``course progress``, and real nbgrader grading of every assignment.

Grading happens in temporary course roots (nbgrader's own test practice), never in the
repository: every solution must earn full marks and every blank exercise zero, on every
graded cell, for every assignment in solutions/, so new lessons are covered as they arrive.
"""

import re
import shutil
import time

import nbformat
import pytest

from course.grading import grading_root
from course.paths import Course

from .course_helpers import (REPO, copy_course, course, edit_cells, exercise_notebooks,
                             hidden_code, lacking, needs, published)

STUB = re.compile(r"^\s*def (\w+)\(", re.MULTILINE)


@pytest.fixture(scope="module")
def grades(tmp_path_factory):
    """``{(assignment, who, notebook): {grade_id: (score, max)}}``: real autograde results for
    the instructor's solutions ("solution") and the learners' blank exercises ("blank")."""
    repo = Course(REPO)
    results = {}
    with grading_root(repo, repo.assignments(), prefix="course-tests-") as grading:
        grading.generate(repo.assignments())
        for assignment in repo.assignments():
            for who, folder in (("solution", repo.solutions), ("blank", repo.exercises)):
                found = sorted((folder / assignment).glob("*.ipynb"))
                if who == "blank":  # as published, whatever a learner has answered
                    blank = tmp_path_factory.mktemp(f"blank-{assignment}")
                    for notebook in found:
                        (blank / notebook.name).write_bytes(published(notebook))
                    found = sorted(blank.glob("*.ipynb"))
                grading.submit(assignment, who, found)
                result = grading.autograde(assignment, who)
                assert result["success"], f"{assignment} ({who}): {result.get('log')}"
                for notebook in found:
                    results[assignment, who, notebook.stem] = grading.grades(
                        assignment, who, notebook.stem)
    return results


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def first(copy):
    """The first assignment's first notebook: (assignment, solution path, exercise path)."""
    found = exercise_notebooks(copy)
    assert found, "the course has no assignments in solutions/"
    return found[0]


def test_every_assignment_has_graded_tasks(grades):
    repo = Course(REPO)
    for assignment, solution, _ in exercise_notebooks(repo):
        assert grades[assignment, "solution", solution.stem], \
            f"{assignment}/{solution.name} has no graded test cells"


def test_every_solution_earns_full_marks(grades):
    unable = {a: reason for a in Course(REPO).assignments() if (reason := lacking(a))}
    wrong = [f"{a}/{nb}.ipynb {cell}: {score} of {top}" for (a, who, nb), cells in grades.items()
             if who == "solution" and a not in unable
             for cell, (score, top) in cells.items() if score != top]
    assert not wrong, "solutions must earn every point:\n" + "\n".join(wrong)
    if unable:  # every other assignment is checked; these say what to install
        needs("; ".join(unable.values()))


def test_every_blank_exercise_earns_zero(grades):
    wrong = [f"{a}/{nb}.ipynb {cell}: {score} of {top}" for (a, who, nb), cells in grades.items()
             if who == "blank" for cell, (score, top) in cells.items() if score != 0]
    assert not wrong, "a blank exercise must earn nothing:\n" + "\n".join(wrong)


def assert_no_hidden_code(shown, solution):
    leaked = [line for line in hidden_code(solution) if line in shown]
    assert not leaked, f"course check printed hidden test code: {leaked}"


def test_check_passes_on_the_solution(copy, first, capsys):
    _, solution, _ = first
    assert course(copy.root, "check", solution) == 0
    shown = capsys.readouterr().out
    assert "All tests pass" in shown and "failed" not in shown
    assert_no_hidden_code(shown, solution)
    hidden = len([line for line in hidden_code(solution) if line.startswith("assert")])
    assert f"include {hidden} hidden check" in shown, "say how many hidden checks ran"


def test_check_fails_on_the_blank_exercise_and_progress_shows_it(copy, first, capsys):
    assignment, solution, exercise = first
    assert course(copy.root, "progress") == 0
    before = capsys.readouterr().out
    assert re.search(rf"{assignment}\s+- / \d+\s+not checked yet", before), before

    assert course(copy.root, "check", exercise) == 1
    shown = capsys.readouterr().out
    assert "Not all tests pass yet" in shown
    assert "not answered yet" in shown, "a stub's NotImplementedError must read as unanswered"
    assert "Traceback" not in shown
    assert_no_hidden_code(shown, solution)
    tasks = [line for line in shown.splitlines() if re.match(r"\s+\S+\s+\d+ / \d+\s", line)]
    assert tasks and all("failed" in line for line in tasks), shown

    assert course(copy.root, "progress") == 0
    after = capsys.readouterr().out
    assert re.search(rf"{assignment}\s+0 / \d+\s+\d{{4}}-\d\d-\d\d \d\d:\d\d", after), after


def test_editing_or_deleting_the_tests_proves_nothing(copy, first, tmp_path, capsys):
    """A learner who weakens a test to ``assert True``, or deletes the others, still fails:
    the autograder restores every test cell from the instructor's version."""
    assignment, solution, exercise = first
    tampered = tmp_path / assignment / exercise.name
    tampered.parent.mkdir()
    notebook = nbformat.read(exercise, as_version=4)
    tests = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    tests[0].source = "assert True"
    notebook.cells = [cell for cell in notebook.cells if cell not in tests[1:]]
    nbformat.write(notebook, tampered)

    assert course(copy.root, "check", tampered) == 1
    shown = capsys.readouterr().out
    tasks = [line for line in shown.splitlines() if re.match(r"\s+\S+\s+\d+ / \d+\s", line)]
    assert len(tasks) == len(tests), f"every test must be graded, deleted or not:\n{shown}"
    assert all("failed" in line for line in tasks), shown
    assert_no_hidden_code(shown, solution)


def test_a_test_that_runs_too_long_is_stopped(copy, first, tmp_path, capsys):
    assignment, _, exercise = first
    stubs = [STUB.search(cell.source) for cell in nbformat.read(exercise, as_version=4).cells
             if cell.metadata.get("nbgrader", {}).get("solution")]
    name = next((match.group(1) for match in stubs if match), None)
    if name is None:
        pytest.skip(f"{exercise.name} has no function to answer")
    slow = tmp_path / assignment / exercise.name
    slow.parent.mkdir()
    shutil.copyfile(exercise, slow)
    hang = f"import time\n\ndef {name}(*args, **kwargs):\n    time.sleep(600)"
    edit_cells(slow, lambda info, source: hang if f"def {name}(" in source
               and info.get("solution") else None)

    started = time.monotonic()
    assert course(copy.root, "check", "--timeout", 2, slow) == 1
    assert time.monotonic() - started < 120
    shown = capsys.readouterr().out
    assert re.search(r"timed out: stopped after 2 s", shown), shown


def test_a_test_cell_marked_slow_has_that_many_times_the_limit(tmp_path, capsys):
    """``course.slow`` on a test cell of the instructor's notebook multiplies its limit; the
    same metadata in a learner's notebook changes nothing."""
    instructor = copy_course(tmp_path / "course")
    assignment, solution, _ = exercise_notebooks(instructor)[0]
    notebook = nbformat.read(solution, as_version=4)
    test = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade"))
    test.source = "import time\ntime.sleep(3)\n" + test.source
    nbformat.write(notebook, solution)
    answered = tmp_path / assignment / solution.name  # every answer, as a learner would
    answered.parent.mkdir()
    shutil.copyfile(solution, answered)

    def slowed(path, factor):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == test.metadata.nbgrader.grade_id:
                cell.metadata["course"] = {"slow": factor}
        nbformat.write(notebook, path)

    slowed(answered, 100)
    assert course(instructor.root, "check", "--timeout", 2, answered) == 1
    shown = capsys.readouterr().out
    assert "timed out: stopped after 2 s" in shown, shown
    slowed(solution, 3)
    assert course(instructor.root, "check", "--timeout", 2, answered) == 0, \
        capsys.readouterr().out


def test_check_explains_what_it_cannot_check(copy, tmp_path, capsys):
    missing = tmp_path / "00-start-here" / "nope.ipynb"
    assert course(copy.root, "check", missing) == 2
    assert "does not exist" in capsys.readouterr().err

    stray = tmp_path / "scratch" / "mine.ipynb"
    stray.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), stray)
    assert course(copy.root, "check", stray) == 2
    error = capsys.readouterr().err
    assert "not in an assignment's folder" in error and "Fix:" in error

    assignment = copy.assignments()[0]
    broken = tmp_path / assignment / "broken.ipynb"
    broken.parent.mkdir()
    broken.write_text("{ not json")
    assert course(copy.root, "check", broken) == 2
    assert "no notebook called broken.ipynb" in capsys.readouterr().err

    exercise = sorted((copy.exercises / assignment).glob("*.ipynb"))[0]
    damaged = tmp_path / "damaged" / assignment / exercise.name
    damaged.parent.mkdir(parents=True)
    damaged.write_text('{"cells": [')
    assert course(copy.root, "check", damaged) == 2
    error = capsys.readouterr().err
    assert "not a readable notebook" in error and "Fix:" in error


def test_a_failing_hidden_check_shows_its_message_but_never_its_code():
    """The report is built from the error's name and message only, and says when the failing
    assertion was a hidden one, even in a cell nbgrader re-added (its lines shifted by one)."""
    from course.check import Report, judge, render

    original = ("result = answer()\n"
                "assert result == 12, 'the demo data has 12 tags'\n"
                "### BEGIN HIDDEN TESTS\n"
                "secret = answer(other_data=True)\n"
                "assert secret == 4, 'answer must count the tags this server has'\n"
                "### END HIDDEN TESTS")
    re_added = "# This cell was missing from the submission.\n" + original
    traceback = ["\x1b[0;31mAssertionError\x1b[0m Traceback (most recent call last)",
                 "Cell \x1b[0;32mIn[5], line 6\x1b[0m\n----> 6 assert secret == 4, 'answer must"
                 " count the tags this server has'",
                 "\x1b[0;31mAssertionError\x1b[0m: answer must count the tags this server has"]
    cell = nbformat.v4.new_code_cell(re_added, metadata={"nbgrader": {
        "grade": True, "grade_id": "test-answer", "points": 2}})
    cell.outputs = [nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="answer must count the tags this server has",
        traceback=traceback)]

    task = judge(cell, 0, 2, original, timeout=10)
    assert task.status == "failed" and task.hidden_checks == 1
    assert task.message == "hidden check: answer must count the tags this server has"
    shown = render(Report("exercises/x/x.ipynb", "x", "x", 10, tasks=[task]))
    for line in ("secret = answer(other_data=True)", "assert secret == 4"):
        assert line not in shown
    assert "1 hidden check " in shown


def test_a_crash_in_the_learners_code_is_told_as_a_crash_with_where_it_happened():
    """A test cell's error is judged from the real traceback of a real kernel: the learner's
    exception is a crash in their function, even when a hidden check called it and even when
    it is a subclass of what the task asks for; the check's own failures are not."""
    from nbclient import NotebookClient

    from course.check import judge_all

    answer = nbformat.v4.new_code_cell(
        "def profile_bio(profile):\n    name = profile['user']\n    return profile['bio']",
        metadata={"nbgrader": {"solution": True, "grade_id": "bio"}})
    tests = {
        "test-crash": "profile_bio({'user': 'bob'})",
        "test-hidden": "x = 1\n### BEGIN HIDDEN TESTS\nprofile_bio({})\n### END HIDDEN TESTS",
        "test-wrapped": ("try:\n    profile_bio({})\nexcept LookupError as error:\n"
                         "    raise AssertionError('a missing user must raise LookupError') "
                         "from error"),
        "test-own": "[][0]",
        "test-undefined": "first_title('http://127.0.0.1:9/api')",
        "test-bare": "assert profile_bio({'user': 'a', 'bio': 'b'}) == 'c'",
    }
    notebook = nbformat.v4.new_notebook(cells=[answer] + [
        nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
            "grade": True, "grade_id": name, "points": 1, "locked": True}})
        for name, source in tests.items()])
    NotebookClient(notebook, allow_errors=True, timeout=30,
                   extra_arguments=["--HistoryManager.hist_file=:memory:"]).execute()
    scores = {name: (0, 1) for name in tests}
    judged = {task.name: task for task in judge_all(notebook, notebook, scores, timeout=10)}

    assert (judged["test-crash"].failure, judged["test-crash"].message) == (
        "crash", "your code crashed: it raised KeyError: 'bio' (in profile_bio(), line 3 of "
                 "answer cell bio)")
    assert judged["test-hidden"].message.startswith("your code crashed (in a hidden check): "
                                                    "it raised KeyError: 'user'")
    assert (judged["test-wrapped"].failure, judged["test-wrapped"].message) == (
        "requirement", "a missing user must raise LookupError")
    assert (judged["test-own"].failure, judged["test-own"].message) == (
        "check error", "IndexError: list index out of range")
    assert judged["test-undefined"].failure == "crash"
    assert "first_title' is not defined: an answer cell must define it" in \
        judged["test-undefined"].message
    assert judged["test-bare"].failure == "no message"


def test_a_check_that_needs_a_missing_program_says_so_and_how_to_install_it(tmp_path, capsys):
    """A task whose check starts nginx (or Apache, Varnish) on a machine without it is not the
    learner's failure: it says ``cannot run``, with the command that installs the program."""
    copy = copy_course(tmp_path / "course")
    assignment, solution, _ = exercise_notebooks(copy)[0]
    lacking = ('from course.services import Missing\n'
               'raise Missing("nginx is not installed (no nginx on PATH). Install it: sudo '
               'apt-get install nginx (Debian, Ubuntu) or brew install nginx (macOS).")\n')
    graded = []

    def needs_nginx(info, source):
        if info.get("grade") and not graded:
            graded.append(info["grade_id"])
            return lacking + source
        return None

    edit_cells(solution, needs_nginx)
    assert course(copy.root, "check", solution) == 1
    shown = capsys.readouterr().out
    line = next(line for line in shown.splitlines() if line.strip().startswith(graded[0]))
    assert "cannot run: this machine cannot run the check: nginx is not installed" in line, line
    assert "sudo apt-get install nginx" in line, "the message says how to install it"
    others = [line for line in shown.splitlines()
              if re.match(r"\s+test-\S+\s+\d+ / \d+\s", line) and graded[0] not in line]
    assert others and all("passed" in line for line in others), \
        f"the other tasks are checked as usual:\n{shown}"


def test_hidden_checks_made_by_calls_are_counted():
    from course.check import count_checks, hidden_lines

    source = ("def _check(data):\n"
              "    assert answer(data) == 4, 'answer must count the tags'\n"
              "_check('visible')\n"
              "### BEGIN HIDDEN TESTS\n"
              "_check('an empty server')\n"
              "_check('a second page')\n"
              "for data in ('one', 'two'):\n"
              "    assert answer(data) >= 0, 'never negative'\n"
              "ignored = 1\n"
              "### END HIDDEN TESTS")
    assert count_checks(source, hidden_lines(source)) == 3
    assert count_checks("%time x = 1\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS",
                        {2, 3, 4}) == 1, "a cell Python cannot parse counts its assert lines"
