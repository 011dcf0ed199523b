"""The capstone (assignment 10): a learner's own Conduit server, graded by the conformance suite.

``course grade 10-capstone`` starts each learner's server in the grading sandbox, on loopback
and a fresh SQLite database, and scores each area of the suite as a task. These tests grade a
small class of hostile or half-done servers beside the instructor's, with the real pipeline;
``tests/wrong_answers/10-capstone/`` holds the catalogue of plausible wrong answers.
"""

import io
import subprocess
import sys

import pytest

from course.check import check
from course.grade import grade
from course.paths import Course
from tests.course_helpers import REPO
from tests.submissions import answered, solution_cells

ASSIGNMENT = "10-capstone"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"

WRAPPER = '''
import server.app


def create_app(database_url="sqlite:///conduit.sqlite3"):
    """The reference server under another name."""
    return server.app.create_app({"DATABASE_URL": database_url})
'''

SNEAKY_WRAPPER = '''
import importlib


def create_app(database_url="sqlite:///conduit.sqlite3"):
    """The reference server, imported only when the app is made."""
    return importlib.import_module("server.app").create_app({"DATABASE_URL": database_url})
'''

HANGING_TAGS = '''
import time


def add_tag_routes(app):
    """GET /api/tags never answers."""
    @app.get("/api/tags")
    def tags():
        time.sleep(60)
'''

DYING_TAGS = '''
import os


def add_tag_routes(app):
    """GET /api/tags ends the whole process."""
    @app.get("/api/tags")
    def tags():
        os._exit(3)
'''

CRASHING_TAGS = '''
def add_tag_routes(app):
    """GET /api/tags raises."""
    @app.get("/api/tags")
    def tags():
        return {"tags": sorted(TAGS_IN_USE)}
'''


def not_starting():
    """The instructor's app factory, with a typo in its first line."""
    source = solution_cells(ASSIGNMENT)["errors"]
    return source.replace("    app = Bottle()", "    app = Bottle()\n    app.config.load_dict(None)", 1)


CLASS = {
    "solution": {},
    "wrapper": {"errors": WRAPPER},
    "sneaky-wrapper": {"errors": SNEAKY_WRAPPER},
    "hanging-tags": {"tags": HANGING_TAGS},
    "dying-tags": {"tags": DYING_TAGS},
    "not-starting": {"errors": not_starting()},
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("capstone-class")
    for student, answers in CLASS.items():
        (folder / "class" / student).mkdir(parents=True)
        (folder / "class" / student / NOTEBOOK).write_bytes(
            answered(answers, assignment=ASSIGNMENT))
    results = grade(Course(REPO), ASSIGNMENT, folder / "class", folder / "out", jobs=2,
                    stream=io.StringIO())
    return {result.student_id: result for result in results}, folder / "out"


def tasks_of(result):
    return {task["name"]: task for task in result.tasks}


def test_the_solution_earns_every_point(graded):
    results, _ = graded
    solution = results["solution"]
    assert (solution.status, solution.score) == ("graded", solution.max_score), solution.tasks
    assert len(solution.tasks) == 11


@pytest.mark.parametrize("student", ["wrapper", "sneaky-wrapper"])
def test_a_wrapper_of_the_reference_server_earns_nothing(graded, student):
    results, _ = graded
    result = results[student]
    assert result.score == 0, [(t["name"], t["points"], t["message"]) for t in result.tasks]


def test_the_sneaky_wrapper_is_told_why(graded):
    results, _ = graded
    messages = {task["message"] for task in results["sneaky-wrapper"].tasks}
    assert all("may be read, but not imported" in message for message in messages), messages


def test_a_hanging_handler_fails_its_area_and_the_others_still_count(graded):
    results, _ = graded
    tasks = tasks_of(results["hanging-tags"])
    assert tasks["test-tags"]["points"] == 0, tasks["test-tags"]
    assert "GET /tags" in tasks["test-tags"]["message"], tasks["test-tags"]["message"]
    others = [task for name, task in tasks.items() if name != "test-tags"]
    assert all(task["points"] == task["max_points"] for task in others), \
        [(t["name"], t["message"]) for t in others if t["points"] < t["max_points"]]


def test_a_server_that_kills_its_process_is_a_dead_kernel(graded):
    results, _ = graded
    result = results["dying-tags"]
    assert (result.status, result.score) == ("kernel died", 0), (result.status, result.notes)


def test_a_server_that_does_not_start_says_so_with_where(graded):
    results, out = graded
    result = results["not-starting"]
    assert (result.status, result.score) == ("server did not start", 0), result.notes
    note = next(note for note in result.notes if "did not start" in note)
    assert "create_app()" in note and "answer cell errors" in note, note
    page = (out / "feedback" / "not-starting" / f"{ASSIGNMENT}.html").read_text()
    assert "server did not start" in page


def test_course_check_shows_each_failing_check_with_its_replay_line(tmp_path):
    notebook = tmp_path / ASSIGNMENT / NOTEBOOK
    notebook.parent.mkdir()
    notebook.write_bytes(answered({"tags": CRASHING_TAGS}, assignment=ASSIGNMENT))
    report = check(Course(REPO), notebook, timeout=10)
    tasks = {task.name: task for task in report.tasks}
    failed = [name for name, task in tasks.items() if not task.passed]
    assert failed == ["test-tags"], failed
    details = tasks["test-tags"].details
    assert "FAILED [tags] GET /tags" in details and "replay:   curl" in details, details
    # A handler's exception comes back as a 500 naming it and the cell it was raised in.
    assert "NameError: name 'TAGS_IN_USE' is not defined" in details, details
    line = CRASHING_TAGS.strip().splitlines().index('        return {"tags": sorted(TAGS_IN_USE)}')
    assert f"in tags(), line {line + 1} of cell In[" in details, details


def test_importing_the_reference_server_is_refused_once_forbidden():
    program = ("from course import capstone\n"
               "import server\n"  # already imported: forbidding unloads it
               "capstone.forbid_reference_server()\n"
               "for name in ('server', 'server.app'):\n"
               "    try:\n"
               "        __import__(name)\n"
               "    except ImportError as error:\n"
               "        print(name, 'refused:', error)\n")
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("may be read, but not imported") == 2, done.stdout
