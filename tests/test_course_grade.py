"""``course grade`` on a class of real submissions, awkward and hostile ones included.

One class is graded once (module fixture) by the real command: a zip of zips as a learning
platform hands it out, with students who answered everything, nothing, loop forever, kill
their kernel, exhaust memory, flood the output, weaken or delete the tests, return objects
that claim to equal anything, hand in broken JSON or no notebook, and, where bubblewrap can
sandbox them, one who attacks the grader (unsandboxed, its attacks would work). The tests then
read grades.csv, the gradebook, the feedback pages and what the hostile notebook found out.
"""

import contextlib
import csv
import html
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.cli import main
from course.grade import grade
from course.results import write_csv
from course.paths import Course
from course.sandbox import probe
from tests.course_helpers import REPO, copy_course, edit_cells, needs_programs_of
from tests.submissions import (ASSIGNMENT, NOTEBOOK, answered, blank_answers, exercise,
                               graded_cell_ids, liar_answers)

STAMP = "20261124T090000Z"
TIMEOUT = 5
SANDBOX = probe()
HOSTILE_STUDENTS = {"hostile"} if SANDBOX.bwrap else set()


@pytest.fixture
def needs_sandbox():
    """Skip where bubblewrap cannot sandbox kernels; on CI, where .ci/run installs it, fail."""
    if SANDBOX.bwrap is None:
        if os.environ.get("CI") and "sandbox" in os.environ.get("CI_BACKENDS", ""):
            pytest.fail(SANDBOX.warning)
        pytest.skip(SANDBOX.warning.split(", so ")[0])


HOSTILE = """\
import json, os, socket, subprocess, time, resource
findings = {{}}
def attempt(name, action):
    try:
        action()
        findings[name] = "allowed"
    except Exception as error:
        findings[name] = "denied: " + type(error).__name__
attempt("read solutions", lambda: open({solutions!r}).read())
attempt("read gradebook", lambda: open({gradebook!r}, "rb").read())
attempt("read another student", lambda: open({other!r}).read())
attempt("write outside", lambda: open({outside!r}, "w").write("x"))
attempt("write repository", lambda: open({repository!r}, "w").write("x"))
attempt("network", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=2).close())
def git(*args):
    subprocess.run(["git", *args], check=True, capture_output=True, timeout=30)
attempt("git reads the course's repository", lambda: git("-C", {checkout!r}, "log", "-1"))
attempt("git from the course's packages", lambda: git("-C", {package!r}, "log", "-1"))
def commit_in_tmp():
    git("init", "-q", "/tmp/scratch-repo")
    open("/tmp/scratch-repo/notes.txt", "w").write("x")
    git("-C", "/tmp/scratch-repo", "add", "notes.txt")
    git("-C", "/tmp/scratch-repo", "-c", "user.name=Ada", "-c", "user.email=ada@example.com",
        "commit", "-q", "-m", "Add notes")
attempt("git commits in its own /tmp", commit_in_tmp)
attempt("memory", lambda: bytearray(6 * 1024**3))
children = 0
hold, release = os.pipe()  # each cat lives until the last one starts, then all end at once
try:
    for _ in range(2000):  # spawned, not forked: forking a kernel 2000 times takes seconds
        os.posix_spawn("/bin/cat", ["cat"], {{}}, file_actions=[(os.POSIX_SPAWN_DUP2, hold, 0)])
        children += 1
    findings["processes"] = "allowed"
except OSError as error:
    findings["processes"] = "denied: " + type(error).__name__ + " after " + str(children)
os.close(release)
for _ in range(children):
    os.wait()
findings["cpu limit"] = resource.getrlimit(resource.RLIMIT_CPU)[0]
telling = {telling!r}  # lines of the hidden tests, and nbgrader's markers
found = []
for top in (".", ".."):  # its working folder, where nbgrader puts the notebook it grades
    for folder, _, names in os.walk(top):
        for name in names:
            try:
                with open(os.path.join(folder, name), errors="replace") as file:
                    text = file.read(5_000_000)
            except OSError:
                continue
            if any(line in text for line in telling):
                found.append(os.path.join(folder, name))
findings["hidden tests in reach"] = found
print("FINDINGS " + json.dumps(findings))
if os.path.exists({notebook!r}):
    os.remove({notebook!r})  # a copy of the notebook, replaced by links for the grader,
os.symlink({victim!r}, {notebook!r})  # as root, to follow afterwards
os.symlink("/etc/passwd", "leak.txt")
"""


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def submission(student, content, stamp=STAMP):
    return f"{ASSIGNMENT}_{student}_attempt_{stamp}_{NOTEBOOK}", content


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class, graded once with the real command; yields (out folder, findings, stdout)."""
    folder = tmp_path_factory.mktemp("grade")
    out = folder / "out"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    hostile = HOSTILE.format(
        telling=["BEGIN HIDDEN TESTS", "END HIDDEN TESTS", *hidden_only()],
        solutions=str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK),
        gradebook=str(out / "course" / "gradebook.db"),
        other=str(out / "course" / "submitted" / "ada" / ASSIGNMENT / NOTEBOOK),
        outside=str(folder / "pwned.txt"), repository=str(REPO / "pwned.txt"),
        checkout=str(REPO), package=str(REPO / "course"),
        port=listener.getsockname()[1], victim=str(folder / "victim.txt"), notebook=NOTEBOOK)
    (folder / "victim.txt").write_text("precious")
    students = {
        "ada": answered(),
        "bob": answered(blank_answers()),
        "loops": answered({"count-tags": "while True:\n    pass"}),
        "crash": answered({"count-tags": "import os\nos._exit(3)"}),
        "greedy": answered({"count-tags": "hoard = bytearray(8 * 1024**3)"}),
        "flood": answered(prefix="for _ in range(200_000):\n    print('x' * 100)\n"
                                 "from IPython.display import display, update_display\n"
                                 "display('a', display_id='big')\n"
                                 "update_display('y' * 5_000_000, display_id='big')"),
        "deleted": answered(blank_answers(), drop_tests=True),
        "liar": answered(liar_answers()),
        "scribbler": answered(prefix="print(\"<script>alert('from a student')</script>\")"),
        "broken": b"{ this is not json",
        "peek": answered(prefix="get_ipython().events.register('pre_run_cell', "
                                "lambda info: print(info.raw_cell))"),
        "gradebook-template": answered(),  # a name the grader once used for a file of its own
    }
    if SANDBOX.bwrap:  # unsandboxed, its attacks would succeed: on the machine running the tests
        students["hostile"] = answered(prefix=hostile)
    students["weakened"] = answered(blank_answers(), tests={
        grade_id: "assert True" for grade_id in graded_cell_ids()})
    per_student = {f"{student}_{ASSIGNMENT}.zip": zipped(dict([submission(student, content)]))
                   for student, content in students.items()}
    # an earlier attempt of ada's, blank: the later one counts
    per_student["ada_first.zip"] = zipped(dict([submission("ada", answered(blank_answers()),
                                                           "20261120T080000Z")]))
    per_student["nobody_notes.zip"] = zipped({f"{ASSIGNMENT}_nobody_attempt_{STAMP}_notes.txt":
                                              b"my notes"})
    per_student["README.txt"] = b"downloaded from the learning platform"
    # mallory's own zip also holds a later "attempt" of ada's: it must not replace ada's work
    per_student[f"{ASSIGNMENT}_mallory_attempt_{STAMP}.zip"] = zipped(dict([
        submission("mallory", answered(blank_answers())),
        submission("ada", answered(blank_answers()), "20261124T100000Z")]))
    per_student["bob_later.zip"] = zipped(dict([submission("bob", answered(),
                                                           "29991231T235959Z")]))
    damaged = bytearray(zipped(dict([submission("zoe", answered())])))
    damaged[200:260] = bytes(60)  # inside the notebook's data: the zip opens, the file won't
    per_student["zoe.zip"] = bytes(damaged)
    class_zip = folder / "class.zip"
    class_zip.write_bytes(zipped(per_student))

    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = main(["--root", str(REPO), "grade", ASSIGNMENT, "--submissions", str(class_zip),
                     "--out", str(out), "--jobs", "2", "--timeout", str(TIMEOUT)])
    assert code == 0, stdout.getvalue()
    try:
        connection, _ = listener.accept()
        connection.close()
        reached = True
    except BlockingIOError:
        reached = False
    listener.close()
    findings = {}
    if SANDBOX.bwrap:
        autograded = nbformat.read(out / "course" / "autograded" / "hostile" / ASSIGNMENT
                                   / NOTEBOOK, as_version=4)
        text = "".join(output.get("text", "") for cell in autograded.cells
                       for output in cell.get("outputs", []))
        if "FINDINGS " in text:
            findings = json.loads(text.split("FINDINGS ", 1)[1].splitlines()[0])
    yield out, findings, reached, stdout.getvalue()


def hidden_only():
    """Lines of the hidden tests that the learners' version does not hold, long enough to tell."""
    released = "\n".join(cell.source for cell in exercise().cells)
    lines = []
    for source in nbformat.read(REPO / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4).cells:
        for part in source.source.split("BEGIN HIDDEN TESTS")[1:]:
            lines += [line.strip() for line in part.split("END HIDDEN TESTS")[0]
                      .splitlines()[1:] if len(line.strip()) > 20
                      and line.strip() not in released]
    return lines


def rows(out):
    with open(out / "grades.csv", newline="") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


def test_every_student_found_gets_a_row_with_a_status(graded):
    out, *_ = graded
    table = rows(out)
    assert set(table) == {"ada", "bob", "loops", "crash", "greedy", "flood", "weakened",
                          "deleted", "liar", "scribbler", "broken", "nobody", "peek",
                          "gradebook-template", "mallory", "zoe"} | HOSTILE_STUDENTS
    expected = {"ada": ("8", "graded"), "bob": ("0", "graded"), "crash": ("0", "kernel died"),
                "broken": ("0", "unreadable notebook"), "nobody": ("0", "no notebook"),
                "weakened": ("0", "graded"), "deleted": ("0", "graded"),
                "liar": ("0", "graded"), "flood": ("8", "graded"),
                "scribbler": ("8", "graded"), "peek": ("8", "needs review"),
                "gradebook-template": ("8", "graded"), "mallory": ("0", "graded"),
                "zoe": ("0", "no notebook")}
    if HOSTILE_STUDENTS:
        expected["hostile"] = ("8", "graded")
    for student, (score, status) in expected.items():
        assert (table[student]["score"], table[student]["status"]) == (score, status), \
            (student, table[student])
    assert all(row["max_score"] == "8" and row["assignment"] == ASSIGNMENT
               for row in table.values())


def test_an_endless_loop_is_stopped_and_the_other_cells_still_count(graded):
    out, *_ = graded
    row = rows(out)["loops"]
    assert row["status"] == "timed out"
    assert row["score"] == "7", "count-tags (1 point) times out; the other 7 points are earned"


def test_a_memory_hog_is_stopped_and_named(graded):
    out, *_ = graded
    row = rows(out)["greedy"]
    assert row["status"] == "out of memory" and row["score"] == "7", row


def test_weakened_or_deleted_tests_are_restored_and_noted(graded):
    out, *_ = graded
    table = rows(out)
    assert "test cells edited" in table["weakened"]["notes"]
    assert "test cells deleted" in table["deleted"]["notes"]


def test_the_latest_attempt_counts_and_ignored_files_are_listed(graded):
    out, *_ = graded
    with open(out / "ignored.csv", newline="") as file:
        ignored = {row["file"]: row["reason"] for row in csv.DictReader(file)}
    assert any("README.txt" in name and "its name is not" in reason
               for name, reason in ignored.items())
    assert any("20261120T080000Z" in name and "earlier attempt" in reason
               for name, reason in ignored.items())
    assert any("notes.txt" in name and "not a notebook" in reason
               for name, reason in ignored.items())
    assert rows(out)["ada"]["timestamp"] == STAMP


def test_a_student_cannot_hand_in_for_another_nor_from_the_future(graded):
    out, *_ = graded
    with open(out / "ignored.csv", newline="") as file:
        ignored = {row["file"]: row["reason"] for row in csv.DictReader(file)}
    assert any("names student ada, but lies in mallory's submission" in reason
               for reason in ignored.values()), ignored
    assert any("29991231T235959Z" in name for name in ignored)
    assert any("zoe.zip" in name and "could not be read" in reason
               for name, reason in ignored.items())
    assert (rows(out)["ada"]["score"], rows(out)["bob"]["score"]) == ("8", "0")


def test_links_left_by_student_code_are_never_followed_by_the_grader(graded, needs_sandbox):
    out, *_ = graded
    assert (out.parent / "victim.txt").read_text() == "precious"
    record = out / "course" / "autograded" / "hostile" / ASSIGNMENT
    assert not (record / "leak.txt").exists() and not (record / "leak.txt").is_symlink()
    assert json.loads((record / NOTEBOOK).read_text())["cells"], "the graded notebook is kept"


def test_output_flood_is_cut_while_it_arrives(graded):
    out, *_ = graded
    assert "output cut" in rows(out)["flood"]["notes"]
    notebook = out / "course" / "autograded" / "flood" / ASSIGNMENT / NOTEBOOK
    assert notebook.stat().st_size < 2_000_000, "20 MB of output must not be kept"


def test_the_gradebook_holds_the_same_scores(graded):
    out, *_ = graded
    with Gradebook(f"sqlite:///{out / 'course' / 'gradebook.db'}", "backend-course") as book:
        scores = {s.student.id: s.score for s in book.find_assignment(ASSIGNMENT).submissions}
    assert scores == {student: float(row["score"]) for student, row in rows(out).items()}


def test_feedback_shows_tasks_and_messages_but_never_hidden_tests(graded):
    out, *_ = graded
    for student in rows(out):
        assert list((out / "feedback" / student).glob("*.html")), f"no feedback for {student}"
    page = (out / "feedback" / "bob" / f"{ASSIGNMENT}.html").read_text()
    assert "not answered yet" in page and "Score: 0 / 8" in page
    hidden = hidden_only()
    assert hidden, "the assignment must have hidden test lines to look for"

    for student in ("ada", "bob", "liar", "peek"):
        page = html.unescape((out / "feedback" / student / f"{ASSIGNMENT}.html").read_text())
        leaked = [line for line in hidden if line in page]
        assert not leaked, f"{student}'s feedback shows hidden test code: {leaked[:2]}"


def test_feedback_escapes_what_students_wrote(graded):
    out, *_ = graded
    page = (out / "feedback" / "scribbler" / f"{ASSIGNMENT}.html").read_text()
    assert "&lt;script&gt;alert(&#x27;from a student&#x27;)" in page
    assert "<script>" not in page


def test_the_summary_counts_every_status(graded):
    *_, stdout = graded
    assert f"Students: {16 + len(HOSTILE_STUDENTS)}" in stdout and "kernel died" in stdout and "grades.csv" in stdout


def test_student_code_cannot_read_write_or_reach_the_network(graded, needs_sandbox):
    out, findings, reached, _ = graded
    assert findings, "the hostile notebook's findings must be in its autograded copy"
    for name in ("read solutions", "read gradebook", "read another student", "write outside",
                 "write repository", "network", "git reads the course's repository",
                 "git from the course's packages"):
        assert findings[name].startswith("denied"), (name, findings[name])
    assert findings["git commits in its own /tmp"] == "allowed", (
        "git must work inside the sandbox, in its own folders: "
        f"{findings['git commits in its own /tmp']}")
    assert not reached, "a connection from student code reached the grader's loopback"
    assert not (REPO / "pwned.txt").exists() and not (out.parent / "pwned.txt").exists()


def test_student_code_finds_no_hidden_test_in_its_folders(graded, needs_sandbox):
    """The kernel gets its cells over its channels: no file it can reach holds the notebook
    with the instructor's test cells put back, nor anything else with hidden-test text."""
    _, findings, *_ = graded
    assert findings["hidden tests in reach"] == [], findings["hidden tests in reach"]


def test_student_code_is_limited_in_memory_processes_and_cpu(graded, needs_sandbox):
    _, findings, *_ = graded
    assert findings["memory"] == "denied: MemoryError"
    assert findings["processes"].startswith("denied"), findings["processes"]
    assert 0 < findings["cpu limit"] <= 600, findings["cpu limit"]


def test_a_kernel_spinning_past_its_cpu_time_is_stopped(tmp_path, needs_sandbox):
    folder = tmp_path / "class" / "spinner"
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).write_bytes(answered({"count-tags": (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")}))

    results = grade(Course(REPO), ASSIGNMENT, tmp_path / "class", tmp_path / "out", jobs=1,
                    timeout=20, stream=io.StringIO(),
                    sandbox={**SANDBOX.config, "SandboxedKernelManager.cpu_seconds": 4})
    assert [(r.student_id, r.status, r.score) for r in results] == [("spinner", "kernel died", 0)]


def test_a_rerun_grades_only_what_changed(graded, tmp_path):
    out, *_ = graded
    copy = tmp_path / "out"
    shutil.copytree(out, copy, symlinks=True)
    folder = tmp_path / "class"
    for student in ("ada", "bob"):
        (folder / student).mkdir(parents=True)
    (folder / "ada" / NOTEBOOK).write_bytes(answered())
    (folder / "bob" / NOTEBOOK).write_bytes(answered())  # bob has now answered everything
    stream = io.StringIO()

    first = grade(Course(REPO), ASSIGNMENT, folder, copy, jobs=2, timeout=TIMEOUT,
                  stream=stream)
    assert [(r.student_id, r.score) for r in first] == [("ada", 8.0), ("bob", 8.0)]
    stream = io.StringIO()
    again = grade(Course(REPO), ASSIGNMENT, folder, copy, jobs=2, timeout=TIMEOUT,
                  stream=stream)
    assert stream.getvalue().count("already graded") == 2 and "Grading" not in stream.getvalue()
    assert [r.score for r in again] == [8.0, 8.0]
    (copy / "results" / "bob.json").unlink()  # as if the run had stopped before bob
    stream = io.StringIO()
    grade(Course(REPO), ASSIGNMENT, folder, copy, jobs=2, timeout=TIMEOUT, stream=stream)
    assert "Grading 1 of 2" in stream.getvalue()


def test_bad_arguments_say_what_to_fix(tmp_path, capsys):
    assert main(["--root", str(REPO), "grade", "99-nothing", "--submissions", str(tmp_path),
                 "--out", str(tmp_path / "o")]) == 2
    assert "no assignment '99-nothing'" in capsys.readouterr().err
    assert main(["--root", str(REPO), "grade", ASSIGNMENT, "--submissions",
                 str(tmp_path / "missing.zip"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--root", str(REPO), "grade", ASSIGNMENT, "--submissions", str(tmp_path),
                 "--out", str(REPO / "grading")]) == 2
    assert "inside the course's repository" in capsys.readouterr().err
    assert main(["--root", str(REPO), "grade", ASSIGNMENT, "--submissions", str(tmp_path),
                 "--out", str(tmp_path / "o")]) == 2
    assert "no student's submission" in capsys.readouterr().err


def test_without_a_sandbox_grading_works_and_says_what_is_unprotected(tmp_path):
    warning = probe(bwrap=None).warning
    assert "not installed" in warning and "read the solutions" in warning
    (tmp_path / "class" / "ada").mkdir(parents=True)
    (tmp_path / "class" / "ada" / NOTEBOOK).write_bytes(answered())
    results = grade(Course(REPO), ASSIGNMENT, tmp_path / "class", tmp_path / "out", jobs=1,
                    timeout=TIMEOUT, stream=io.StringIO(),
                    sandbox={"SandboxedKernelManager.bwrap": "",
                             "SandboxedKernelManager.setpriv": ""})
    assert [(r.status, r.score) for r in results] == [("graded", 8.0)]


@pytest.mark.parametrize("assignment", Course(REPO).assignments())
def test_every_assignment_grades_full_marks_and_zero_under_course_grade(assignment, tmp_path):
    """The instructor's answers in the learner's notebook earn every point, sandboxed as at
    grading; the notebook as handed out earns none."""
    needs_programs_of(assignment)

    name = f"{assignment}.ipynb"
    for student, content in (("answered", answered(assignment=assignment)),
                             ("blank", nbformat.writes(exercise(assignment)).encode())):
        (tmp_path / "class" / student).mkdir(parents=True)
        (tmp_path / "class" / student / name).write_bytes(content)
    results = grade(Course(REPO), assignment, tmp_path / "class", tmp_path / "out", jobs=2,
                    stream=io.StringIO())
    # The capstone handed out has no server yet: its create_app raises NotImplementedError.
    blank = "server did not start" if assignment == "10-capstone" else "graded"
    assert [(r.student_id, r.status, r.score == r.max_score > 0, r.score) for r in results] \
        == [("answered", "graded", True, results[0].max_score), ("blank", blank, False, 0)], \
        [(r.student_id, r.status, r.score, r.notes, [t for t in r.tasks if t["status"] !=
                                                      "passed"][:2]) for r in results]


def test_an_interrupted_run_keeps_what_was_graded_and_continues(tmp_path):
    for number in range(6):
        (tmp_path / "class" / f"s{number}").mkdir(parents=True)
        (tmp_path / "class" / f"s{number}" / NOTEBOOK).write_bytes(answered())
    command = [sys.executable, "-m", "course", "--root", str(REPO), "grade", ASSIGNMENT,
               "--submissions", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
               "--jobs", "1"]
    # Output to a file, not a pipe: the test waits for the command itself, not for every
    # process that may still hold its output open while it goes.
    output = open(tmp_path / "output.txt", "w+")
    running = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    results = tmp_path / "out" / "results"
    deadline = time.monotonic() + 120
    while not (results.is_dir() and list(results.glob("*.json"))):
        assert running.poll() is None and time.monotonic() < deadline, \
            (tmp_path / "output.txt").read_text()
        time.sleep(0.1)
    os.killpg(running.pid, signal.SIGINT)  # Ctrl-C in a terminal signals the whole group
    running.wait(timeout=60)
    output.close()
    err = (tmp_path / "output.txt").read_text()
    kept = len(list(results.glob("*.json")))
    assert running.returncode == 130 and "Interrupted" in err, err[-500:]
    assert 1 <= kept < 6, f"{kept} students kept"
    assert len(rows(tmp_path / "out")) == kept, "grades.csv must hold every student kept"
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-500:]
    assert f"Grading {6 - kept} of 6" in again.stderr
    assert [row["score"] for row in rows(tmp_path / "out").values()] == ["8"] * 6


def test_csv_cells_never_start_a_formula(tmp_path):
    write_csv(tmp_path / "ignored.csv", [{"file": "=HYPERLINK(\"x\")/", "reason": "-1+1"},
                                         {"file": "ada/notes.txt", "reason": "not a notebook"}],
              ["file", "reason"])
    with open(tmp_path / "ignored.csv", newline="") as file:
        cells = [row for row in csv.reader(file)]
    assert cells[1] == ["'=HYPERLINK(\"x\")/", "'-1+1"] and cells[2][0] == "ada/notes.txt"


def test_a_task_needing_a_missing_program_marks_the_student_and_is_graded_again(tmp_path):
    """A check that starts nginx on a grading machine without it: the student's row says
    ``needs a program``, the note says what to install, and the next run grades them again."""
    copy = copy_course(tmp_path / "course")
    solution = copy.solutions / ASSIGNMENT / NOTEBOOK
    first = []

    def needs_nginx(info, source):
        if info.get("grade") and not first:
            first.append(info["grade_id"])
            return ('from course.services import Missing\nraise Missing("nginx is not '
                    'installed. Install it: sudo apt-get install nginx")\n' + source)
        return None

    edit_cells(solution, needs_nginx)
    folder = tmp_path / "class" / "ada"
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).write_bytes(answered())
    for run in (1, 2):
        stream = io.StringIO()
        results = grade(copy, ASSIGNMENT, tmp_path / "class", tmp_path / "out", jobs=1,
                        timeout=60, stream=stream)
        assert "already graded" not in stream.getvalue(), \
            f"run {run}: a student who lacked a program is graded again"
        (ada,) = results
        assert ada.status == "needs a program", f"run {run}: {ada.status}"
        assert any("sudo apt-get install nginx" in note for note in ada.notes), ada.notes
        task = next(task for task in ada.tasks if task["name"] == first[0])
        assert task["status"] == "cannot run" and task["points"] == 0, task
        assert ada.score == ada.max_score - task["max_points"], \
            "every other task is graded as usual"
    assert "needs a program" in (tmp_path / "out" / "grades.csv").read_text()

