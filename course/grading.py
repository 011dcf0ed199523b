"""nbgrader, run in a temporary course root so nothing it writes lands in the repository.

This is what nbgrader's own tests do (their ``course_dir`` and ``temp_cwd`` fixtures): a fresh
folder holds the source (``solutions/``), the gradebook and every by-product, and is deleted
afterwards. Settings come from the course's ``nbgrader_config.py``, with the root moved.
"""

import logging
import os
import shutil
import sys
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

from .paths import CourseError

IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")


def venv_on_path():
    """Put this Python's ``bin`` folder first on PATH, for the programs nbgrader and Jupyter run.

    nbgrader runs ``alembic`` (and Jupyter runs kernels) by name, so ``.venv/bin/course``
    must work without an activated virtual environment.
    """
    bin_dir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if path.split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = bin_dir + (os.pathsep + path if path else "")


@contextmanager
def quiet_nbgrader():
    """Silence the warnings nbgrader 0.9 triggers: SQLAlchemy 2's about its sessions, and
    nbformat's about the cells it re-adds to a submission without an id."""
    from nbformat.warnings import MissingIDFieldWarning
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="nbgrader")
        yield


def create_gradebook(path):
    """An empty gradebook at ``path``, the same tables and alembic stamp nbgrader would make.

    ``nbgrader.api.Gradebook`` does this itself on first use, but asks for the alembic revision
    by running ``alembic heads`` in a new process, which imports all of nbgrader again (seconds,
    on every check). Reading the revision here, in-process, gives the same stamp at no cost.
    """
    from alembic.script import ScriptDirectory
    from nbgrader.api import Base
    from nbgrader.dbutil import ALEMBIC_DIR
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{path}")
    try:
        Base.metadata.create_all(bind=engine)
        head = ScriptDirectory(ALEMBIC_DIR).get_current_head()
        with engine.begin() as connection:
            connection.execute(text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
                               {"v": head})
    finally:
        engine.dispose()


class GradingRoot:
    """A temporary nbgrader course root holding copies of some assignments' solutions."""

    def __init__(self, course, folder):
        self.course = course
        self.root = Path(folder)
        self.gradebook = self.root / "gradebook.db"

    def settings(self, **overrides):
        """The course's nbgrader settings, rooted here; ``overrides`` as ``{"Class.trait": v}``."""
        from traitlets.config.loader import PyFileConfigLoader

        try:
            config = PyFileConfigLoader(self.course.config.name,
                                        path=str(self.course.root)).load_config()
        except Exception as error:
            raise CourseError(f"{self.course.config} could not be read ({error}). Fix: correct "
                              "it, or restore it with git checkout -- nbgrader_config.py.")
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.db_url = f"sqlite:///{self.gradebook}"
        config.NbGraderAPI.log_level = logging.WARNING
        for name, value in overrides.items():
            section, trait = name.split(".")
            config[section][trait] = value
        return config

    def api(self, **overrides):
        from nbgrader.apps import NbGraderAPI

        return NbGraderAPI(config=self.settings(**overrides))

    def path(self, step, assignment, student="."):
        return self.root / step / student / assignment

    def source(self, assignment):
        return self.path(self.course.solutions.name, assignment)

    def release(self, assignment):
        return self.path(self.course.exercises.name, assignment)

    def generate(self, assignments, explain=True, **overrides):
        """``nbgrader generate_assignment`` for each assignment; a failure raises CourseError.

        Without ``explain`` the error leaves out nbgrader's log, which may quote the
        instructor's cells (hidden tests included): what a learner sees from ``course check``.
        """
        api = self.api(**overrides)
        with quiet_nbgrader():
            for assignment in assignments:
                result = api.generate_assignment(assignment)
                if result["success"]:
                    continue
                if not explain:
                    raise CourseError(f"the instructor's version of {assignment} in solutions/ "
                                      "could not be prepared for grading. Fix: restore it with "
                                      f"git checkout -- solutions/{assignment}; if it persists, "
                                      "tell the course's maintainers.")
                raise CourseError(
                    f"nbgrader could not generate the learners' version of {assignment}:\n"
                    + problems(result, self.root) + f"\nFix: correct solutions/{assignment}/ "
                    "(nbgrader's cell metadata and its BEGIN/END SOLUTION and HIDDEN TESTS "
                    "markers), then build again.")

    def submit(self, assignment, student, notebooks):
        """Place a student's notebooks where ``nbgrader autograde`` looks for them."""
        folder = self.path("submitted", assignment, student)
        folder.mkdir(parents=True, exist_ok=True)
        for notebook in notebooks:
            shutil.copyfile(notebook, folder / Path(notebook).name)
        return folder

    def autograde(self, assignment, student, **overrides):
        """``nbgrader autograde``; returns nbgrader's result dict (success, log, error)."""
        api = self.api(**overrides)
        with quiet_nbgrader():
            return api.autograde(assignment, student)

    @contextmanager
    def open_gradebook(self, path=None):
        """nbgrader's ``Gradebook`` on this root's gradebook (or the one at ``path``)."""
        from nbgrader.api import Gradebook

        course_id = self.settings().CourseDirectory.get("course_id", "")
        with quiet_nbgrader(), Gradebook(f"sqlite:///{path or self.gradebook}",
                                         course_id) as gradebook:
            yield gradebook

    def grades(self, assignment, student, notebook):
        """``{grade_id: (score, max_score)}`` for one autograded notebook, from the gradebook."""
        with self.open_gradebook() as gradebook:
            submission = gradebook.find_submission_notebook(notebook, assignment, student)
            return {grade.name: (grade.score, grade.max_score) for grade in submission.grades}


def kernel_died(result):
    """Whether nbgrader gave up on a notebook because its kernel died or stopped answering."""
    log = (result.get("log") or "") + (result.get("error") or "")
    return "unresponsive" in log or "Kernel died" in log


NOISE = ("Traceback (most recent call last)", "Please see the the above traceback")


def problems(result, root=None, limit=12):
    """What went wrong, from an nbgrader log: its ERROR messages (with the lines that continue
    them, such as the offending cell's contents), paths shown relative to the course root."""
    lines, keep = [], False
    for line in (result.get("log") or "").splitlines():
        if line.startswith("["):
            keep = "ERROR" in line and not any(noise in line for noise in NOISE)
        if keep:
            lines.append(line)
    if not lines and result.get("error"):
        lines = result["error"].strip().splitlines()[-1:]
    text = "\n".join(f"  {line}" for line in lines[:limit]) or "  (nbgrader gave no reason)"
    if root is not None:
        text = text.replace(f"{root}{os.sep}", "").replace(f"{os.sep}.{os.sep}", os.sep)
    return text


@contextmanager
def grading_root(course, assignments, prefix="course-grading-"):
    """A temporary course root with the given assignments' solutions and an empty gradebook."""
    venv_on_path()
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        grading = GradingRoot(course, folder)
        for assignment in assignments:
            shutil.copytree(course.solutions / assignment, grading.source(assignment),
                            ignore=IGNORED)
        create_gradebook(grading.gradebook)
        yield grading
