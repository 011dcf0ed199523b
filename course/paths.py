"""Where the course's parts live, found from the folder a command runs in."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

# An assignment, and the lesson it belongs to, is named NN-topic: "00-start-here", "04-apis".
NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
# A learner's copy of the course (``course release``) has no solutions/: in their place, blank/
# holds the exercises as released, nbgrader's source directory there.
BLANK = "blank"


class CourseError(Exception):
    """A problem the user can fix; the message says what was wrong and what to do."""


@dataclass(frozen=True)
class Course:
    """A course checkout: the folder holding ``nbgrader_config.py``, ``lessons/`` and friends."""

    root: Path

    @property
    def lessons(self):
        return self.root / "lessons"

    @property
    def notebooks(self):
        return self.root / "notebooks"

    @property
    def solutions(self):
        """nbgrader's source directory: the instructor's versions of the assignments; in a
        learner's copy, which has none, the exercises as released (``blank/``)."""
        return self.root / (BLANK if self.learners_copy else "solutions")

    @property
    def blank(self):
        """A learner's copy's exercises as released: no answers, no hidden tests."""
        return self.root / BLANK

    @property
    def learners_copy(self):
        """Whether this is a learner's copy made by ``course release``: blank/, no solutions/."""
        return self.blank.is_dir() and not (self.root / "solutions").is_dir()

    def for_instructors(self, verb):
        """Refuse, in a learner's copy, a verb that needs the instructor's solutions."""
        if self.learners_copy:
            raise CourseError(f"for instructors only. Cause: {self.root} is a learner's copy "
                              "of the course (made by course release), without the solutions/ "
                              f"and hidden tests that course {verb} needs. Fix: run it in the "
                              "instructor's repository of the course; in this copy, use course "
                              "check, course progress and course submit.")

    @property
    def exercises(self):
        return self.root / "exercises"

    @property
    def config(self):
        return self.root / "nbgrader_config.py"

    @property
    def state(self):
        """Per-learner files (progress, submissions' record): gitignored."""
        return self.root / ".course"

    @property
    def submissions(self):
        return self.root / "submissions"

    def lesson_sources(self):
        """Every ``lessons/**/NN-topic.md``, in order."""
        if not self.lessons.is_dir():
            return []
        return sorted(path for path in self.lessons.rglob("*.md") if NAME.match(path.stem)
                      and ".ipynb_checkpoints" not in path.parts)

    def notebook_for(self, lesson):
        """The ``notebooks/`` twin of a lesson source (jupytext's ``lessons///`` pairing)."""
        return (self.notebooks / lesson.relative_to(self.lessons)).with_suffix(".ipynb")

    def assignments(self):
        """The assignments the instructor has written: the ``solutions/NN-topic`` folders (in a
        learner's copy, ``blank/NN-topic``)."""
        return _named_folders(self.solutions)

    def released(self):
        """The assignments learners have: the ``exercises/NN-topic`` folders."""
        return _named_folders(self.exercises)

    def fresh_copy(self, path):
        """How to get a fresh copy of an exercise notebook back, as a command to type."""
        path = Path(path).resolve()
        exercises = self.exercises.resolve()
        if self.learners_copy and exercises in path.parents:
            original = self.blank / path.relative_to(exercises)
            return f"cp {self.relative(original)} {self.relative(path)}"
        return f"git checkout -- {self.relative(path)}"

    def relative(self, path):
        """``path`` relative to the course root when it is inside it, for messages."""
        path = Path(path).resolve()
        try:
            return path.relative_to(self.root)
        except ValueError:
            return path


def _named_folders(parent):
    if not parent.is_dir():
        return []
    return sorted(p.name for p in parent.iterdir() if p.is_dir() and NAME.match(p.name))


def is_course(folder):
    return (folder / "nbgrader_config.py").is_file() and any(
        (folder / part).is_dir() for part in ("solutions", BLANK, "lessons"))


def find_course(root=None):
    """The course at ``root``, or the one around the current folder, or this tool's own checkout."""
    if root is not None:
        folder = Path(root).resolve()
        if not is_course(folder):
            raise CourseError(f"{folder} is not a course folder (it needs nbgrader_config.py and "
                              "solutions/ or lessons/). Fix: pass the folder you cloned the "
                              "course into, e.g. --root ~/backend-course.")
        return Course(folder)
    here = Path(os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if is_course(folder):
            return Course(folder)
    checkout = Path(__file__).resolve().parent.parent  # the course this tool was installed from
    if is_course(checkout):
        return Course(checkout)
    raise CourseError(f"no course found in {here} or above it. Fix: cd into the folder you "
                      "cloned the course into, or pass --root FOLDER.")
