"""``course release --out DIR``: a learner's copy of the course, without solutions or hidden tests.

A graded class needs learners who do not hold the answers. The copy holds what a learner works
with (README, Makefile, the lessons and their notebooks, the exercises, the reference server and
the course tool) and, in ``blank/``, the exercises once more, as released. ``blank/`` is
nbgrader's source directory there (the copy's ``nbgrader_config.py`` says so, and
``Course.solutions`` names it): ``course check`` generates from it, restores the test cells
from it and runs the visible tests, the same pipeline as in the instructor's repository. The
hidden tests stay with the instructor and run when ``course grade`` grades what was handed in.

What is generated is generated afresh from its source (``notebooks/`` from ``lessons/``,
``exercises/`` and ``blank/`` from ``solutions/``), so answers or outputs left in the
instructor's own copies never travel. Left out: ``solutions/``, ``tests/`` (the suite reads the
solutions and keeps wrong answers to them), ``.ci/`` and everything local (``.venv``, ``var/``,
``.course/``, ...). Nothing is put under version control: the copy is a plain folder, which the
instructor may ``git init`` and publish.
"""

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import notebooks
from .build import planned_exercises, planned_lessons
from .paths import BLANK, CourseError

# Copied as they are; README.md, Makefile and nbgrader_config.py are copied with a change.
COPIED = ("lessons", "server", "course", "pyproject.toml", "constraints.txt", "jupytext.toml",
          ".gitignore", "Containerfile", ".containerignore")
ADJUSTED = ("README.md", "Makefile", "nbgrader_config.py")
GENERATED = ("notebooks", "exercises", BLANK)
PARTS = (*ADJUSTED, *COPIED, *GENERATED)
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info",
                                 ".DS_Store")
# What the instructor's repository holds that a learner's copy leaves out, and why.
WITHHELD = {
    "solutions": "the instructor's versions: answers and hidden tests",
    "tests": "the course's own test suite: it reads solutions/ and holds wrong answers to them",
    ".ci": "the course's continuous integration, which runs that suite",
}
# Local state of whoever uses the repository: never part of the course.
LOCAL = re.compile(r"^(\.git|\.venv|var|\.course|submissions|\.pytest_cache|\.hypothesis|"
                   r"__pycache__|build|dist|.*\.egg-info|gradebook\.db|submitted|autograded|"
                   r"feedback|downloaded|source_with_tests|\.ipynb_checkpoints|.*\.log)$")

README_NOTE = """\
> **A learner's copy.** This copy of the course, made for a class with `course release`, has
> no `solutions/` and no hidden tests. `course check` runs each exercise's visible tests (the
> test cells come back from `blank/`, the exercises as released, so editing them proves
> nothing); the hidden checks run when your instructor grades what you hand in with
> `course submit`. `make test` checks that the course is installed; the course's own test suite
> is for its maintainers and is not part of this copy.
"""

MAKE_TEST = """\
test: install  ## check that the course is installed (its own test suite is for its maintainers)
\t@echo "This is a learner's copy of the course: its test suite, which needs the instructor's"
\t@echo "solutions, is for the course's maintainers and is not here. The course is installed:"
\t$(BIN)/course progress
\t@echo "Check an exercise with: $(BIN)/course check exercises/00-start-here/00-start-here.ipynb"
"""

CONFIG_NOTE = f"""
# A learner's copy of the course, made by `course release`: there is no solutions/ here. nbgrader's
# source directory is {BLANK}/, the exercises as released (no answers, no hidden tests), from
# which `course check` restores the test cells before it runs the visible tests.
c.CourseDirectory.source_directory = "{BLANK}"
"""

BLANK_README = f"""\
# {BLANK}/: the exercises as released

Each notebook here is the exercise as your instructor released it, without answers and without
hidden tests. `course check` puts every test cell of your notebook back from here before it runs
it, so editing a test cell proves nothing. Work in `exercises/`, not here. To start an exercise
again, copy its notebook from here over yours, e.g.

    cp {BLANK}/00-start-here/00-start-here.ipynb exercises/00-start-here/
"""


@dataclass
class Release:
    """What ``release`` wrote: ``(part, what it holds)`` in order, and what it left out."""

    out: Path
    written: list = field(default_factory=list)
    left_out: list = field(default_factory=list)


def check_out_folder(course, out, force=False):
    """The resolved ``--out`` folder, or CourseError: outside the repository, and empty unless
    ``force`` (a learner's copy must never land where the solutions are, nor over files)."""
    out = Path(out).expanduser().resolve()
    root = course.root.resolve()
    if out == root or root in out.parents:
        raise CourseError(f"{out} is inside the course's repository. Cause: a learner's copy "
                          "beside the solutions would be published with them. Fix: pass a "
                          "folder outside it, e.g. --out ~/backend-course-class")
    if out in root.parents:
        raise CourseError(f"{out} holds the course's repository. Fix: pass a new folder "
                          "outside it, e.g. --out ~/backend-course-class")
    if out.exists() and not out.is_dir():
        raise CourseError(f"{out} is a file. Fix: pass a folder for the learner's copy.")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CourseError(f"{out} is not empty. Cause: a release writes a whole course there. "
                          "Fix: pass a new or empty folder, or add --force to replace the "
                          "course's parts in it (README.md, lessons/, exercises/, ...; a .git "
                          "folder and anything else there are left alone).")
    return out


def withheld(course):
    """``[(name, why)]``: the entries of the repository a learner's copy leaves out."""
    shown = []
    for entry in sorted(course.root.iterdir(), key=lambda path: path.name):
        if entry.name in PARTS or LOCAL.match(entry.name):
            continue
        reason = WITHHELD.get(entry.name, "not part of a learner's copy")
        shown.append((entry.name + ("/" if entry.is_dir() else ""), reason))
    return shown


def readme(course):
    """The course's README with a note, after its title, that this is a learner's copy."""
    text = (course.root / "README.md").read_text()
    title, newline, rest = text.partition("\n")
    if not title.startswith("# "):
        return README_NOTE + "\n" + text
    return f"{title}{newline}\n{README_NOTE}{rest}"


def makefile(course):
    """The course's Makefile, with a ``test`` rule for a copy that has no test suite."""
    lines = (course.root / "Makefile").read_text().splitlines(keepends=True)
    start = next((number for number, line in enumerate(lines) if line.startswith("test:")), None)
    if start is None:
        return "".join(lines).rstrip("\n") + "\n\n" + MAKE_TEST
    end = start + 1
    while end < len(lines) and lines[end].startswith("\t"):
        end += 1
    return "".join(lines[:start]) + MAKE_TEST + "".join(lines[end:])


def nbgrader_config(course):
    """The course's nbgrader settings, with ``blank/`` as the source directory."""
    return course.config.read_text().rstrip("\n") + "\n" + CONFIG_NOTE


def write_generated(course, stage):
    """notebooks/ from lessons/, exercises/ and blank/ from solutions/; returns their counts."""
    lessons = planned_lessons(course)
    for path, text in lessons.items():
        notebooks.write_if_changed(stage / path.relative_to(course.root), text)
    exercises = planned_exercises(course)
    for path, content in exercises.items():
        relative = path.relative_to(course.exercises)
        for folder in ("exercises", BLANK):
            notebooks.write_if_changed(stage / folder / relative, content)
    (stage / BLANK / "README.md").write_text(BLANK_README)
    assignments = sorted({path.relative_to(course.exercises).parts[0] for path in exercises})
    return len(lessons), assignments


def copy_part(course, name, stage):
    """Copy one file or folder of the repository into the stage; returns its number of files."""
    source = course.root / name
    if source.is_dir():
        shutil.copytree(source, stage / name, ignore=SKIPPED)
        return sum(1 for path in (stage / name).rglob("*") if path.is_file())
    shutil.copyfile(source, stage / name)
    return 1


def stage_release(course, stage):
    """Write every part of the learner's copy into ``stage``; returns ``(part, what)`` rows."""
    missing = [name for name in (*ADJUSTED, *COPIED) if not (course.root / name).exists()]
    if missing:
        raise CourseError(f"the course's repository lacks {', '.join(missing)}, which a "
                          "learner's copy needs. Fix: restore them (git checkout -- "
                          f"{' '.join(missing)}), then release again.")
    lessons, assignments = write_generated(course, stage)
    (stage / "README.md").write_text(readme(course))
    (stage / "Makefile").write_text(makefile(course))
    (stage / "nbgrader_config.py").write_text(nbgrader_config(course))
    rows = [("README.md", "the course's README, with a note that this is a learner's copy"),
            ("Makefile", "make run, serve, lab; make test checks the installation"),
            ("nbgrader_config.py", f"nbgrader's settings, with {BLANK}/ as the source directory")]
    for name in COPIED:
        count = copy_part(course, name, stage)
        rows.append((name + ("/" if (course.root / name).is_dir() else ""),
                     f"{count} files" if (course.root / name).is_dir() else "as it is"))
    names = ", ".join(assignments)
    rows += [("notebooks/", f"{lessons} lesson notebooks, made from lessons/"),
             ("exercises/", f"{len(assignments)} assignments to answer: {names}"),
             (f"{BLANK}/", "the same exercises as released: course check restores test cells "
                           "from them")]
    return rows


def move_into(stage, out):
    """Put the staged parts in ``out``, replacing the same parts of an earlier release."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(stage.iterdir()):
        target = out / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        entry.rename(target)


def release(course, out, force=False):
    """Write a learner's copy of ``course`` to ``out``; returns a Release saying what it holds.

    The copy is written in a folder beside ``out`` first and moved in once whole, so a failed
    release leaves ``out`` as it was.
    """
    course.for_instructors("release")
    if not course.assignments():
        raise CourseError(f"{course.root} has no assignments in solutions/ to release. Fix: "
                          "run course release in the course's repository.")
    out = check_out_folder(course, out, force=force)
    out.parent.mkdir(parents=True, exist_ok=True)
    result = Release(out, left_out=withheld(course))
    with tempfile.TemporaryDirectory(prefix=f".{out.name}-release-", dir=out.parent) as stage:
        result.written = stage_release(course, Path(stage))
        move_into(Path(stage), out)
    return result


def render_release(result):
    """What a release wrote and left out, and what to do next, for the instructor."""
    width = max(len(part) for part, _ in result.written)
    lines = [f"Wrote a learner's copy of the course to {result.out}:"]
    lines += [f"  {part:<{width}}  {what}" for part, what in result.written]
    if result.left_out:
        width = max(len(name) for name, _ in result.left_out)
        lines += ["Left out:"] + [f"  {name:<{width}}  {why}" for name, why in result.left_out]
    lines += ["", "In it, course check runs the visible tests and says that hidden checks run at "
              "grading; course build and course grade refuse (they need the solutions).",
              "Publish it as it is (e.g. git init, commit and push); grade what learners hand "
              "in from this repository: course grade ASSIGNMENT --submissions ZIP --out DIR."]
    return "\n".join(lines)
