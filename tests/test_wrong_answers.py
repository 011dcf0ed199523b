"""Every graded task's catalogue of plausible wrong answers loses points.

``tests/wrong_answers/NN-topic/TASK/NAME.py`` is one wrong answer to the answer cell ``TASK``
of assignment ``NN-topic``: the whole source a hurried learner might put in that cell, headed
by two comment lines::

    # kind: coincidence
    # why: orders by id, which only matches the date order in the demo data

The kinds are those of ``../shared/DESIGN.md`` ("Tests that keep exercises honest"): a rule
the task states that no test enforces, a coincidence of the demo data, a catch-all that
hides the real failure, the right value in the wrong form.

Each assignment's catalogue is graded as a class by ``course grade`` itself: one student per
entry, whose notebook holds the instructor's answers everywhere but in ``TASK``. Every entry
must leave ``test-TASK`` below full marks, with a message a learner can act on (a named
requirement, or their code's crash and where), while the solution, graded alongside, earns
every point.
"""

import re

import pytest

from course.grade import grade
from course.paths import Course
from tests.course_helpers import REPO, needs_programs_of
from tests.submissions import answered, solution_cells

CATALOGUE = REPO / "tests" / "wrong_answers"
KINDS = ("rule", "coincidence", "catch-all", "form")
HEADER = re.compile(r"\A# kind: (?P<kind>[a-z-]+)\n# why: \S.*\n")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AT_LEAST = 3
# What a failing task may tell the learner: what a check requires, or that their code
# crashed (and where), or that it ran out of time, or that their capstone server did not
# start (and where). Never a check's own exception.
ACTIONABLE = ("requirement", "crash", "timeout", "did not start")
# A submission's status: graded, or for a capstone whose create_app raises, said as such.
GRADED = ("graded", "server did not start")
SOLUTION = "the-solution"

ASSIGNMENTS = Course(REPO).assignments()


def tasks(assignment):
    """The answer cells of an assignment, by grade id, in notebook order."""
    return list(solution_cells(assignment))


def entries(assignment):
    """``[(task, path)]`` for every catalogue entry of an assignment."""
    return [(task, path) for task in tasks(assignment)
            for path in sorted((CATALOGUE / assignment / task).glob("*.py"))]


def student_id(task, path):
    return f"{task}.{path.stem}"


ALL_ENTRIES = [pytest.param(assignment, task, path, id=f"{assignment}/{task}/{path.stem}")
               for assignment in ASSIGNMENTS for task, path in entries(assignment)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``graded(assignment)``: ``{student: Result}`` for the assignment's catalogue and its
    solution, graded once per assignment by ``course grade``."""
    done = {}

    def of(assignment):
        if assignment not in done:
            folder = tmp_path_factory.mktemp(f"catalogue-{assignment}")
            submissions = folder / "submissions"
            students = {SOLUTION: answered(assignment=assignment)}
            for task, path in entries(assignment):
                wrong = path.read_text(encoding="utf-8")
                students[student_id(task, path)] = answered({task: wrong},
                                                            assignment=assignment)
            for student, notebook in students.items():
                (submissions / student).mkdir(parents=True)
                (submissions / student / f"{assignment}.ipynb").write_bytes(notebook)
            with open(folder / "progress.txt", "w") as progress:
                results = grade(Course(REPO), assignment, submissions, folder / "out",
                                timeout=10, stream=progress)
            done[assignment] = {result.student_id: result for result in results}
        return done[assignment]

    return of


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_task_has_its_catalogue(assignment):
    found = {task: len([1 for t, _ in entries(assignment) if t == task])
             for task in tasks(assignment)}
    thin = {task: count for task, count in found.items() if count < AT_LEAST}
    assert not thin, (f"{assignment}: every graded task needs at least {AT_LEAST} wrong answers "
                      f"in tests/wrong_answers/{assignment}/TASK/*.py; too few: {thin}")
    strays = [path.name for path in (CATALOGUE / assignment).glob("*")
              if path.name not in found and path.name != "__pycache__"]
    assert not strays, f"{assignment}: catalogue folders that name no answer cell: {strays}"


@pytest.mark.parametrize("assignment, task, path", ALL_ENTRIES)
def test_entry_is_headed_with_its_kind_and_reason(assignment, task, path):
    header = HEADER.match(path.read_text(encoding="utf-8"))
    assert header, (f"{path.relative_to(REPO)} must start with '# kind: KIND' and "
                    "'# why: REASON' lines")
    assert header["kind"] in KINDS, f"{path.name}: kind {header['kind']!r} is not one of {KINDS}"
    assert NAME.match(path.stem), f"{path.name}: name it in lower-case words and hyphens"


# The first entry of each assignment waits while its whole catalogue is graded as a class.
@pytest.mark.timeout(900)
@pytest.mark.parametrize("assignment, task, path", ALL_ENTRIES)
def test_wrong_answer_loses_points_with_a_message_to_act_on(graded, assignment, task, path):
    needs_programs_of(assignment)
    results = graded(assignment)
    solution = {t["name"]: t for t in results[SOLUTION].tasks}
    assert solution and all(t["points"] == t["max_points"] for t in solution.values()), \
        f"{assignment}: the solution must earn full marks: {results[SOLUTION].tasks}"
    result = results[student_id(task, path)]
    assert result.status in GRADED, f"{path.name}: graded as {result.status}: {result.notes}"
    judged = {t["name"]: t for t in result.tasks}[f"test-{task}"]
    assert judged["points"] < judged["max_points"], (
        f"{assignment}/{task}/{path.name} earned full marks ({judged['points']:g}): the tests "
        "of the task must catch it")
    assert judged["failure"] in ACTIONABLE, (
        f"{assignment}/{task}/{path.name} fails with a message that names no requirement "
        f"({judged['failure']}): {judged['message']}")
