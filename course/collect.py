"""Finding each student's notebooks in a class's submissions: a folder, or a zip.

Two shapes are accepted, the ones instructors are handed:

- a folder with one sub-folder per student, ``PATH/<student_id>/<notebook>.ipynb`` (or
  ``PATH/<student_id>/<assignment>/<notebook>.ipynb``, nbgrader's ``submitted/`` layout);
- a zip, as ``course submit`` makes and as a learning platform hands back (often a zip of
  every student's zip): every file named as nbgrader_config.py's
  ``FileNameCollectorPlugin.named_regexp`` says,
  ``<assignment>_<student_id>_attempt_<YYYYMMDDTHHMMSSZ>_<notebook>.ipynb``. Where a student
  handed in several attempts, the latest counts.

Nothing is extracted by the names inside a zip (a name like ``../../x`` cannot write
anywhere): only the contents of the notebooks that count are kept, in memory. Every file that
does not count is listed with the reason, for the instructor.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .paths import CourseError
from .submit import STUDENT_ID

LARGEST_FILE = 50 * 1024**2  # a notebook larger than this is not graded (bytes, uncompressed)
LARGEST_CLASS = 2 * 1024**3  # all the notebooks kept, together
DEEPEST_ZIP = 3  # zips inside zips, e.g. an LMS's zip of every student's zip
# A zip that course submit made: its name says whose it is, and every file in it must agree.
SUBMISSION_ZIP = re.compile(r"_(?P<student_id>[A-Za-z0-9][A-Za-z0-9.-]*)_attempt_"
                            r"(?P<timestamp>\d{8}T\d{6}Z)\.zip$", re.IGNORECASE)


@dataclass
class Submission:
    """One student's notebooks for an assignment: ``{notebook file name: bytes}``."""

    student: str
    notebooks: dict = field(default_factory=dict)
    timestamps: dict = field(default_factory=dict)  # notebook file name: YYYYMMDDTHHMMSSZ
    ignored: list = field(default_factory=list)  # (file, reason) of this student's other files

    @property
    def timestamp(self):
        """When the submission was handed in (ISO 8601 basic, UTC), if the names said."""
        return max(self.timestamps.values(), default=None)


@dataclass
class Collection:
    submissions: dict = field(default_factory=dict)  # student id: Submission
    ignored: list = field(default_factory=list)  # (file, reason) not tied to a student
    kept_bytes: int = 0

    def keep(self, submission, shown, name, content):
        """Keep a notebook's bytes, unless the class is already too large; False if not."""
        if self.kept_bytes + len(content) > LARGEST_CLASS:
            submission.ignored.append((shown, f"the submissions exceed {LARGEST_CLASS >> 30} "
                                       "GiB in all; grade the class in parts"))
            return False
        self.kept_bytes += len(content) - len(submission.notebooks.get(name, b""))
        submission.notebooks[name] = content
        return True

    def student(self, student_id):
        return self.submissions.setdefault(student_id, Submission(student_id))

    def all_ignored(self):
        """Every file that was not graded, with its reason, students' files first."""
        for submission in sorted(self.submissions.values(), key=lambda s: s.student):
            yield from submission.ignored
        yield from self.ignored


def collect(path, assignment, notebook_names, named_regexp):
    """Every student's notebooks for ``assignment`` found at ``path`` (a folder or a zip)."""
    path = Path(path).expanduser()
    if path.is_dir():
        return from_folder(path, assignment, notebook_names)
    if path.is_file() and zipfile.is_zipfile(path):
        collection = Collection()
        try:
            with zipfile.ZipFile(path) as archive:
                from_zip(archive, path.name, collection, set(notebook_names),
                         re.compile(named_regexp), depth=1)
        except (zipfile.BadZipFile, OSError) as error:
            raise CourseError(f"{path} could not be read as a zip ({error}). Fix: download it "
                              "again from the learning platform.")
        return collection
    if path.is_file():
        raise CourseError(f"{path} is neither a folder nor a zip file. Fix: pass the zip your "
                          "learning platform gave you, or a folder with one sub-folder per "
                          "student.")
    raise CourseError(f"{path} does not exist. Fix: pass the submissions' zip or folder, e.g. "
                      f"--submissions ~/Downloads/{assignment}.zip")


def from_folder(folder, assignment, notebook_names):
    collection = Collection()
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            collection.ignored.append((entry.name, "not in a student's folder "
                                       "(expected PATH/<student_id>/<notebook>.ipynb)"))
            continue
        if not STUDENT_ID.match(entry.name):
            collection.ignored.append((f"{entry.name}/", "not a usable student id (letters, "
                                       "digits, dots and hyphens)"))
            continue
        submission = collection.student(entry.name)
        for file in sorted(p for p in entry.rglob("*") if p.is_file()):
            relative = file.relative_to(entry)
            shown, inside = f"{entry.name}/{relative}", relative.parent
            if any(part.startswith(".") for part in relative.parts):
                continue  # .ipynb_checkpoints, .DS_Store and the like
            if file.name not in notebook_names:
                submission.ignored.append((shown, f"not a notebook of {assignment} "
                                           f"(those are: {', '.join(sorted(notebook_names))})"))
            elif inside not in (Path("."), Path(assignment)):
                submission.ignored.append((shown, f"in a sub-folder other than {assignment}/"))
            elif file.stat().st_size > LARGEST_FILE:
                submission.ignored.append((shown, f"larger than {LARGEST_FILE >> 20} MB"))
            else:
                collection.keep(submission, shown, file.name, file.read_bytes())
    return collection


def from_zip(archive, shown, collection, notebook_names, named_regexp, depth, owner=None):
    """Collect from ``archive``; ``owner``: the student whose zip it is, when its name says."""
    latest = datetime.now(timezone.utc) + timedelta(days=1)
    for member in archive.infolist():
        if member.is_dir():
            continue
        name = f"{shown}:{member.filename}"
        base = member.filename.replace("\\", "/").rsplit("/", 1)[-1]
        if base.startswith(".") or member.filename.startswith("__MACOSX/"):
            continue
        if member.file_size > LARGEST_FILE:
            collection.ignored.append((name, f"larger than {LARGEST_FILE >> 20} MB"))
            continue
        if base.lower().endswith(".zip"):
            if depth >= DEEPEST_ZIP:
                collection.ignored.append((name, f"a zip nested more than {DEEPEST_ZIP} deep"))
                continue
            whose = SUBMISSION_ZIP.search(base)
            try:
                with zipfile.ZipFile(io.BytesIO(archive.read(member))) as inner:
                    from_zip(inner, name, collection, notebook_names, named_regexp, depth + 1,
                             whose.group("student_id") if whose else owner)
            except Exception as error:  # a damaged, encrypted or odd zip: never the batch
                collection.ignored.append((name, f"not a readable zip ({error})"))
            continue
        match = named_regexp.match(base)
        if not match:
            collection.ignored.append((name, "its name is not ASSIGNMENT_STUDENT_attempt_"
                                       "YYYYMMDDTHHMMSSZ_NOTEBOOK, as course submit names files"))
            continue
        student, stamp, notebook = (match.group("student_id"), match.group("timestamp"),
                                    match.group("file_id"))
        if owner is not None and student != owner:
            collection.ignored.append((name, f"names student {student}, but lies in "
                                       f"{owner}'s submission"))
            continue
        try:
            handed_in = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            handed_in = None
        if handed_in is None or handed_in > latest:
            collection.ignored.append((name, f"dated {stamp}: not a time it can have been "
                                       "handed in"))
            continue
        submission = collection.student(student)
        if notebook not in notebook_names:
            submission.ignored.append((name, "not a notebook of this assignment (those are: "
                                       f"{', '.join(sorted(notebook_names))})"))
            continue
        earlier = submission.timestamps.get(notebook)
        if earlier is not None and earlier >= stamp:
            submission.ignored.append((name, f"an earlier attempt than {earlier}"))
            continue
        if earlier is not None:
            submission.ignored.append((f"attempt {earlier} of {notebook}",
                                       f"an earlier attempt than {stamp}"))
        try:
            content = archive.read(member)
        except Exception as error:  # damaged, encrypted, a bad compression stream
            submission.ignored.append((name, f"could not be read from the zip ({error})"))
            continue
        if collection.keep(submission, name, notebook, content):
            submission.timestamps[notebook] = stamp
