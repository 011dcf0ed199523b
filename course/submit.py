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
    student = given or os.environ.get("COURSE_STUDENT") or getpass.getuser()
    if not STUDENT_ID.match(student or ""):
        raise CourseError(f"{student!r} cannot be used as a student id: it may hold only "
                          "letters, digits, dots and hyphens, starting with a letter or digit. "
                          "Fix: pass the id your course gave you, e.g. --student alice "
                          "(or set COURSE_STUDENT).")
    return student


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
        raise CourseError(f"exercises/{assignment}/ holds no notebooks to submit. Fix: restore "
                          f"them with git checkout -- exercises/{assignment}")
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
