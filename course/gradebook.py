"""The class's gradebook: nbgrader's course root in ``OUT/course``, the empty gradebook each
student is graded into, and the merge of each student's grades into the class's.

Only the main process writes the class's gradebook (SQLite takes one writer at a time); each
worker grades into a copy of the template of its own, which ``merge`` then reads.
"""

import shutil
from pathlib import Path

from .grading import IGNORED, GradingRoot, create_gradebook
from .results import folder_fingerprint


def template_path(out):
    """The empty class gradebook each student starts from. Names the grader keeps in OUT/work
    start with a dot: a student id cannot, so no student's folder can take their place."""
    return out / "work" / ".gradebook-template.db"


def gradebook_path(out, student):
    """A student's gradebook, from their scratch root to the main process's merge."""
    return out / "work" / ".gradebooks" / f"{student}.db"


def assignment_max_score(grading, assignment):
    with grading.open_gradebook() as gradebook:
        return float(gradebook.find_assignment(assignment).max_score)


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
