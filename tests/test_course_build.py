"""``course build``: lessons and exercises are generated, deterministically, and never drift."""

import os
import shutil
import subprocess
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient

from course import grading
from course.paths import Course

from .course_helpers import REPO, commit_all, copy_course, course, edit_cells, git

LESSON_TIME_LIMIT = 60  # seconds, for a whole lesson (LESSONS.md: "well under a minute")


def test_build_on_a_clean_checkout_changes_nothing(tmp_path, capsys):
    checkout = copy_course(tmp_path).root
    commit_all(checkout)
    assert course(checkout, "build") == 0
    assert "up to date" in capsys.readouterr().out
    left = git(checkout, "status", "--porcelain", "--ignored", "--untracked-files=all")
    assert left == "", f"course build must change no file and leave nothing behind:\n{left}"


def test_generated_copies_match_their_sources_in_the_repository(tmp_path, capsys):
    """notebooks/ must match lessons/, exercises/ must match solutions/ (--check writes nothing),
    in the course as published: a learner's answers in exercises/ are not drift."""
    code = course(copy_course(tmp_path).root, "build", "--check")
    shown = capsys.readouterr()
    assert code == 0, f"generated files drifted from their sources (run course build):\n{shown.out}"


def test_every_lesson_and_assignment_has_its_copy():
    repo = Course(REPO)
    for lesson in repo.lesson_sources():
        assert repo.notebook_for(lesson).is_file(), f"{lesson.name} has no notebook in notebooks/"
    assert repo.assignments() == repo.released(), "exercises/ must hold one folder per solutions/"


def test_drift_is_reported_then_fixed(tmp_path, capsys):
    copy = copy_course(tmp_path)
    lesson = copy.lesson_sources()[0]
    with lesson.open("a") as text:
        text.write("\n```{code-cell} ipython3\nprint('a cell added to the lesson')\n```\n")
    assignment = copy.assignments()[0]
    solution = sorted((copy.solutions / assignment).glob("*.ipynb"))[0]
    edit_cells(solution, lambda info, source: source + "\n# changed by the instructor"
               if info.get("grade") else None)
    orphan = copy.notebooks / "99-removed-lesson.ipynb"
    shutil.copyfile(copy.notebook_for(lesson), orphan)

    assert course(copy.root, "build", "--check") == 1
    report = capsys.readouterr().out
    notebook = copy.notebook_for(lesson).relative_to(copy.root)
    exercise = (copy.exercises / assignment / solution.name).relative_to(copy.root)
    for path in (notebook, exercise, orphan.relative_to(copy.root)):
        assert str(path) in report, f"--check must name {path}:\n{report}"
    assert not any("a cell added" in cell.source for cell in
                   nbformat.read(copy.notebook_for(lesson), as_version=4).cells), \
        "--check must not write"

    assert course(copy.root, "build") == 0
    assert course(copy.root, "build", "--check") == 0
    cells = nbformat.read(copy.notebook_for(lesson), as_version=4).cells
    assert "print('a cell added to the lesson')" in [cell.source for cell in cells]
    assert not orphan.exists(), "a notebook whose lesson is gone must be removed"
    exercise_text = (copy.root / exercise).read_text()
    assert "changed by the instructor" in exercise_text


def test_build_keeps_a_learners_answers(tmp_path, capsys):
    copy = copy_course(tmp_path)
    assignment = copy.assignments()[0]
    solution = sorted((copy.solutions / assignment).glob("*.ipynb"))[0]
    exercise = copy.exercises / assignment / solution.name
    edit_cells(exercise, lambda info, source: source + "\n# my answer"
               if info.get("solution") else None)
    edit_cells(solution, lambda info, source: source + "\n# a new test line"
               if info.get("grade") else None)
    answered = exercise.read_bytes()

    assert course(copy.root, "build") == 2
    error = capsys.readouterr().err
    assert "hold answers" in error and "Fix:" in error and exercise.name in error
    assert exercise.read_bytes() == answered, "a learner's answers must survive a build"

    assert course(copy.root, "build", "--force") == 0
    assert "# my answer" not in exercise.read_text()


def test_a_broken_solution_is_reported_with_a_fix(tmp_path, capsys):
    copy = copy_course(tmp_path)
    assignment = copy.assignments()[0]
    solution = sorted((copy.solutions / assignment).glob("*.ipynb"))[0]
    notebook = nbformat.read(solution, as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution"))
    del cell.metadata["nbgrader"]  # a solution region in a cell nbgrader does not know about
    nbformat.write(notebook, solution)
    before = {p: p.read_bytes() for p in copy.exercises.rglob("*") if p.is_file()}

    assert course(copy.root, "build") == 2
    error = capsys.readouterr().err
    assert assignment in error and "Fix:" in error, error
    after = {p: p.read_bytes() for p in copy.exercises.rglob("*") if p.is_file()}
    assert after == before, "a failed build must leave exercises/ as it was"


def test_the_console_script_works_without_an_activated_environment(tmp_path):
    """nbgrader runs ``alembic`` and Jupyter runs kernels by name: .venv/bin/course must work."""
    script = os.path.join(os.path.dirname(sys.executable), "course")
    assert os.path.exists(script), "the course command is missing: run make install"
    copy = copy_course(tmp_path)
    bare = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", str(tmp_path)),
            "LANG": "C.UTF-8"}
    result = subprocess.run([script, "--root", str(copy.root), "build"], env=bare,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert course(copy.root, "build", "--check") == 0


def test_child_processes_find_the_environments_programs(monkeypatch):
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    grading.venv_on_path()
    found = shutil.which("alembic")
    assert found and os.path.dirname(found) == os.path.dirname(sys.executable)


@pytest.mark.parametrize("notebook", sorted((REPO / "notebooks").glob("*.ipynb")),
                         ids=lambda path: path.name)
def test_lesson_runs_top_to_bottom_in_a_fresh_kernel(notebook, tmp_path):
    copy = copy_course(tmp_path)  # relative paths work as in the repository; writes stay here
    lesson = nbformat.read(notebook, as_version=4)
    client = NotebookClient(lesson, timeout=LESSON_TIME_LIMIT, kernel_name="python3",
                            resources={"metadata": {"path": str(copy.notebooks)}})
    started = time.monotonic()
    client.execute()
    took = time.monotonic() - started
    assert took < LESSON_TIME_LIMIT, f"{notebook.name} took {took:.0f} s"
    errors = [o for c in lesson.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


def test_jupytext_pairs_each_lesson_with_its_notebook():
    from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file
    from jupytext.paired_paths import paired_paths

    repo = Course(REPO)
    config = load_jupytext_configuration_file(find_jupytext_configuration_file(str(REPO)))
    for lesson in repo.lesson_sources():
        formats = config.default_formats(str(lesson))
        paired = [path for path, _ in paired_paths(str(lesson), "md:myst", formats)]
        assert str(repo.notebook_for(lesson)) in paired, f"{lesson.name} is not paired: {paired}"


def test_saving_in_jupyterlab_keeps_both_files_in_step(tmp_path):
    """JupyterLab saves through jupytext's contents manager: an unchanged save must change
    neither file (generated notebooks are in Jupyter's own format), and an edit reaches both."""
    from jupyter_server.services.contents.largefilemanager import LargeFileManager
    from jupytext.sync_contentsmanager import build_sync_jupytext_contents_manager_class

    copy = copy_course(tmp_path)
    assert course(copy.root, "build") == 0  # whatever state the repository is in
    manager = build_sync_jupytext_contents_manager_class(LargeFileManager)(
        root_dir=str(copy.root))
    for lesson in copy.lesson_sources():
        notebook = copy.notebook_for(lesson)
        path = notebook.relative_to(copy.root).as_posix()
        before = lesson.read_bytes(), notebook.read_bytes()
        manager.save(manager.get(path), path)
        assert (lesson.read_bytes(), notebook.read_bytes()) == before, \
            f"saving {path} unchanged must change neither file"

        model = manager.get(path)
        model["content"]["cells"][-1]["source"] += "\n# edited in JupyterLab"
        manager.save(model, path)
        assert "# edited in JupyterLab" in lesson.read_text(), "an edit must reach the lesson"
