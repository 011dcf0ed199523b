"""``course submit``: a zip that nbgrader's ``zip_collect`` turns back into a submission."""

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from nbgrader.tests import run_nbgrader

from .course_helpers import REPO, copy_course, course

ZIP_NAME = re.compile(r"^(?P<assignment>\d\d-[a-z0-9-]+)_(?P<student>[A-Za-z0-9.-]+)_attempt_"
                      r"(?P<stamp>\d{8}T\d{6}Z)\.zip$")


@pytest.fixture
def copy(tmp_path):
    return copy_course(tmp_path / "course")


def submitted_zip(shown):
    match = re.search(r"Submission ready: (.+\.zip)", shown)
    assert match, f"submit must say where the zip is:\n{shown}"
    return Path(match.group(1))


def collect(tmp_path, monkeypatch, assignment, archives):
    """Run ``nbgrader zip_collect`` on the archives in a fresh course root; returns the root.

    The root's nbgrader_config.py is the course's own, moved (nbgrader's temp_cwd fixture).
    """
    root = tmp_path / "grading"
    shutil.copytree(REPO / "exercises" / assignment, root / "exercises" / assignment)
    (root / "nbgrader_config.py").write_text(
        (REPO / "nbgrader_config.py").read_text() + f"\nc.CourseDirectory.root = {str(root)!r}\n")
    inbox = root / "downloaded" / assignment / "archive"
    inbox.mkdir(parents=True)
    for archive in archives:
        shutil.copyfile(archive, inbox / archive.name)
    monkeypatch.chdir(root)
    run_nbgrader(["zip_collect", assignment], retcode=0)
    return root


def test_submission_is_accepted_by_zip_collect(copy, tmp_path, monkeypatch, capsys):
    assignment = copy.released()[0]
    assert course(copy.root, "submit", assignment, "--student", "alice") == 0
    archive = submitted_zip(capsys.readouterr().out)
    assert archive.parent == copy.submissions and archive.is_file()
    name = ZIP_NAME.match(archive.name)
    assert name and name["assignment"] == assignment and name["student"] == "alice"

    notebooks = sorted((copy.exercises / assignment).glob("*.ipynb"))
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == [f"{archive.stem}_{nb.name}" for nb in notebooks]

    root = collect(tmp_path, monkeypatch, assignment, [archive])
    handed_in = root / "submitted" / "alice" / assignment
    for notebook in notebooks:
        assert (handed_in / notebook.name).read_bytes() == notebook.read_bytes()
    when = datetime.strptime(name["stamp"], "%Y%m%dT%H%M%SZ")
    assert (handed_in / "timestamp.txt").read_text().strip() == f"{when:%Y-%m-%d %H:%M:%S}", \
        "the time handed in must survive collection"


def test_submissions_bundled_by_an_lms_are_collected_too(copy, tmp_path, monkeypatch, capsys):
    """An LMS may rename each upload and hand back one zip holding every student's zip."""
    assignment = copy.released()[0]
    archives = []
    for student in ("alice", "bob.smith"):
        assert course(copy.root, "submit", assignment, "--student", student,
                      "--out", tmp_path / "uploads") == 0
        archives.append(submitted_zip(capsys.readouterr().out))
    bundle = tmp_path / "all-submissions.zip"
    with zipfile.ZipFile(bundle, "w") as combined:
        for number, archive in enumerate(archives, start=1):
            combined.write(archive, f"upload-{number}/Student {number}_{archive.name}")

    root = collect(tmp_path, monkeypatch, assignment, [bundle])
    for student in ("alice", "bob.smith"):
        assert sorted(p.name for p in (root / "submitted" / student / assignment).iterdir()) == \
            sorted([p.name for p in (copy.exercises / assignment).glob("*.ipynb")]
                   + ["timestamp.txt"])


def test_the_student_id_comes_from_the_environment(copy, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_STUDENT", "carol")
    assignment = copy.released()[0]
    assert course(copy.root, "submit", assignment) == 0
    assert ZIP_NAME.match(submitted_zip(capsys.readouterr().out).name)["student"] == "carol"


@pytest.mark.parametrize("student", ["al_ice", "-x", "a b", "élodie"])
def test_an_unusable_student_id_is_refused(copy, student, capsys):
    assert course(copy.root, "submit", copy.released()[0], f"--student={student}") == 2
    error = capsys.readouterr().err
    assert "cannot be used as a student id" in error and "Fix:" in error
    assert not copy.submissions.exists(), "nothing is written when the input is refused"


def test_an_unknown_assignment_is_refused_with_the_known_ones(copy, capsys):
    assert course(copy.root, "submit", "99-nothing", "--student", "alice") == 2
    error = capsys.readouterr().err
    assert "no assignment '99-nothing'" in error and copy.released()[0] in error


def test_an_unreadable_notebook_is_not_submitted(copy, capsys):
    assignment = copy.released()[0]
    notebook = sorted((copy.exercises / assignment).glob("*.ipynb"))[0]
    notebook.write_text('{"cells": [')
    assert course(copy.root, "submit", assignment, "--student", "alice") == 2
    error = capsys.readouterr().err
    assert "not a readable notebook" in error and "Fix:" in error
    assert not copy.submissions.exists(), "nothing is written for a notebook the grader can't open"


def test_every_verb_has_help(capsys):
    from course.cli import main, parser

    verbs = parser()._subparsers._group_actions[0].choices
    for verb, sub in verbs.items():
        for action in sub._actions:
            assert action.help, f"course {verb}: option {action.dest} has no help text"
        with pytest.raises(SystemExit) as exit:
            main([verb, "--help"])
        assert exit.value.code == 0
    assert "help" in capsys.readouterr().out
