"""``course submit``: zip an assignment's notebooks the way nbgrader's ``zip_collect`` takes them.

Every notebook inside the zip is named
``{assignment}_{student}_attempt_{YYYYMMDDTHHMMSSZ}_{notebook}.ipynb`` (UTC), which the
``FileNameCollectorPlugin.named_regexp`` in nbgrader_config.py reads back into the student id,
the time handed in and the notebook. The name lives on the files, not only on the zip, so the
submission survives an LMS that renames uploads or bundles every student's zip into one.
"""

import getpass
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from . import notebooks
from .paths import CourseError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
STAMP = "%Y%m%dT%H%M%SZ"  # ISO 8601 basic, UTC: what nbgrader's dateutil reads right


def student_id(given=None):
    """The student id to submit under: given, else $COURSE_STUDENT, else the login name."""
    student = given or os.environ.get("COURSE_STUDENT") or login_name()
    if not STUDENT_ID.match(student or ""):
        raise CourseError(f"{student!r} cannot be used as a student id: it may hold only "
                          "letters, digits, dots and hyphens, starting with a letter or digit. "
                          "Fix: pass the id your course gave you, e.g. --student alice "
                          "(or set COURSE_STUDENT).")
    return student


def login_name():
    return getpass.getuser()


def warnings(course, assignment, given=None):
    """What the learner should know before handing in: an assignment never checked, or whose
    last check failed or is older than their last edit, and a student id that is only the
    login name."""
    from .progress import load

    said = []
    checked = load(course).get(assignment, {})
    for notebook in sorted((course.exercises / assignment).glob("*.ipynb")):
        last = checked.get(notebook.stem)
        name = f"exercises/{assignment}/{notebook.name}"
        if last is None:
            said.append(f"{name} was never checked. Fix: run `course check {name}` first, to "
                        "see the points it will earn.")
        elif not last.get("passed"):
            said.append(f"{name} failed its last check ({last['points']:g} / "
                        f"{last['max_points']:g}). Fix: see `course check {name}`; hand in "
                        "again when it passes.")
        elif notebook.stat().st_mtime > datetime.fromisoformat(last["checked"]).timestamp() + 1:
            said.append(f"{name} changed after its last check. Fix: run `course check {name}` "
                        "again.")
    if not given and not os.environ.get("COURSE_STUDENT"):
        said.append(f"no --student was given, so the zip is in the name of your login, "
                    f"{login_name()!r}. Fix: if your course gave you another id, submit again "
                    "with --student ID (or set COURSE_STUDENT).")
    return said


def submission_name(assignment, student, when):
    return f"{assignment}_{student}_attempt_{when.strftime(STAMP)}"


def submit(course, assignment, student=None, out=None, now=None):
    """Write the zip; returns its path and the names of the notebooks inside it."""
    folder = course.exercises / assignment
    if not folder.is_dir():
        known = ", ".join(course.released()) or "none yet"
        raise CourseError(f"there is no assignment {assignment!r} in exercises/ (there are: "
                          f"{known}). Fix: give the folder name, e.g. course submit 00-start-here.")
    found = sorted(folder.glob("*.ipynb"))
    if not found:
        restore = (f"cp {course.blank.name}/{assignment}/*.ipynb exercises/{assignment}/"
                   if course.learners_copy else f"git checkout -- exercises/{assignment}")
        raise CourseError(f"exercises/{assignment}/ holds no notebooks to submit. Fix: restore "
                          f"them with {restore}")
    student = student_id(student)
    for notebook in found:  # all readable before anything is written
        try:
            notebooks.read(notebook)
        except ValueError as error:
            raise CourseError(f"{error}. Fix: undo the last edits in JupyterLab (or restore "
                              "the exercise) so the grader can open it, then submit again.")
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    stem = submission_name(assignment, student, when)
    target = Path(out).expanduser() if out else course.submissions
    target.mkdir(parents=True, exist_ok=True)
    zip_path = (target / f"{stem}.zip").resolve()
    names = []
    partial = zip_path.with_name(zip_path.name + ".part")  # a zip appears whole or not at all
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for notebook in found:
            name = f"{stem}_{notebook.name}"
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, notebook.read_bytes())
            names.append(name)
    partial.replace(zip_path)
    return zip_path, names
