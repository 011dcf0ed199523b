"""Learners' notebooks for assignment 00, made from its exercise and solution: answered,
blank, or answered in odd ways. Used by the grading tests and the grading benchmark."""

import nbformat

from tests.course_helpers import REPO, published_notebook

ASSIGNMENT = "00-start-here"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def solution_cells(assignment=ASSIGNMENT):
    source = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb",
                           as_version=4)
    return {cell.metadata.nbgrader["grade_id"]: cell.source for cell in source.cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def exercise(assignment=ASSIGNMENT):
    return published_notebook(REPO / "exercises" / assignment / f"{assignment}.ipynb")


def answered(answers=None, tests=None, drop_tests=False, prefix=None, assignment=ASSIGNMENT):
    """The learner's notebook with answers: the instructor's by default, ``answers`` (grade
    id: source) instead where given; ``tests`` (grade id: source) replaces test cells;
    ``prefix`` is code run at the top of the first answer cell."""
    notebook, solutions = exercise(assignment), solution_cells(assignment)
    answers = solutions if answers is None else {**solutions, **answers}
    kept = []
    for cell in notebook.cells:
        info = cell.metadata.get("nbgrader", {})
        if info.get("solution"):
            cell.source = answers[info["grade_id"]]
            if prefix and info["grade_id"] == next(iter(solutions)):
                cell.source = prefix + "\n" + cell.source
        if info.get("grade"):
            if drop_tests:
                continue
            if tests and info["grade_id"] in tests:
                cell.source = tests[info["grade_id"]]
        kept.append(cell)
    notebook.cells = kept
    return nbformat.writes(notebook).encode()


def graded_cell_ids():
    return [cell.metadata.nbgrader["grade_id"] for cell in exercise().cells
            if cell.metadata.get("nbgrader", {}).get("grade")]


def blank_answers():
    """The learner's version of every answer cell, as handed out."""
    return {cell.metadata.nbgrader["grade_id"]: cell.source for cell in exercise().cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def liar_answers():
    """Answers that return an object equal to everything, of every type's look-alike."""
    liar = ("class Anything:\n    def __eq__(self, other): return True\n"
            "    def __ne__(self, other): return False\n    def __hash__(self): return 0\n")
    answers = {}
    for grade_id, source in solution_cells().items():
        header = source.split("### BEGIN SOLUTION")[0]
        answers[grade_id] = liar + header + "    return Anything()\n"
    return answers
