"""``course site``: the lessons and the assignments' statements as a static website.

Learners often read a course before they run it. The site is built by Sphinx with MyST-NB from
the same sources as the notebooks: every lesson in ``lessons/``, executed at build time so that
each page shows the outputs the learner will see, and every assignment's statement as learners
get it (``exercises/``, not executed: its answer cells are still to be written), each with a
link to download its notebook. Navigation follows the course: lesson 00, its assignment,
lesson 01, and so on.

The build runs in a learner's copy of the course staged under ``build/site-source/`` (the same
copy ``course release`` writes), so a page never shows an instructor's solutions or a learner's
own answers, and the lessons' cells run there as they do in ``notebooks/``. Nothing is fetched
from the network: the theme and its scripts come with the installed packages.
"""

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import notebooks
from .paths import CourseError
from .release import stage_release

SOURCE = Path("build") / "site-source"
OUT = Path("build") / "site"
LOG = Path("build") / "site.log"
TITLE = "Backend web development with Python"
# The longest a lesson's cell may run at build time: lessons run in well under a minute.
CELL_TIMEOUT = 180

CONF = '''\
"""Sphinx settings for the course site, written by ``course site``."""

project = {title!r}
html_title = {title!r}
author = "the course's contributors"
extensions = ["myst_nb"]
myst_enable_extensions = ["colon_fence"]
# Only the course's pages: the staged copy also holds the server, the tool and the README.
include_patterns = ["index.md", "lessons/*.md", "assignments/*.ipynb"]
exclude_patterns = ["**/.ipynb_checkpoints"]
# Lessons run at build time, each in a fresh kernel in its own folder, as in JupyterLab; the
# statements are shown as learners get them, their answer cells still to be written.
nb_execution_mode = "force"
nb_execution_excludepatterns = ["assignments/*"]
nb_execution_timeout = {timeout}
nb_execution_cache_path = ".jupyter_cache"
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_merge_streams = True
html_theme = "sphinx_book_theme"
html_theme_options = {{
    "show_toc_level": 2,
    "use_download_button": False,
    "home_page_in_toc": True,
}}
html_copy_source = False
html_show_sourcelink = False
'''


@dataclass(frozen=True)
class Page:
    """One lesson of the course and its assignment, as the site shows them."""

    name: str  # "00-start-here"
    title: str  # "00 · Start here"
    has_assignment: bool

    @property
    def lesson(self):
        return f"lessons/{self.name}"

    @property
    def assignment(self):
        return f"assignments/{self.name}"

    @property
    def documents(self):
        """Its pages in course order: the lesson, then its assignment if it has one."""
        return [self.lesson, self.assignment] if self.has_assignment else [self.lesson]

    @property
    def exercise(self):
        return f"/exercises/{self.name}/{self.name}.ipynb"


def lesson_title(path):
    """The lesson's first top-level heading, outside code cells ("00 · Start here")."""
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return line[2:].strip()
    return path.stem


def assignment_note(page):
    return (f":::{{note}}\nThis is the statement of the assignment of lesson [{page.title}]"
            f"(../{page.lesson}.md), as learners get it. To answer it, open "
            f"`exercises/{page.name}/{page.name}.ipynb` in JupyterLab (`make run`), or "
            f"{{download}}`download the notebook <{page.exercise}>`; then check your answers "
            f"with `course check exercises/{page.name}`.\n:::")


def lesson_footer(page):
    if not page.has_assignment:
        return ""
    return (f"\n\n:::{{seealso}}\nThe assignment of this lesson: [its statement]"
            f"(../{page.assignment}.ipynb), and {{download}}`the exercise notebook "
            f"<{page.exercise}>` to answer it in JupyterLab.\n:::\n")


def index_page(pages):
    """The home page: what the course is, and a table of every lesson and assignment."""
    rows = []
    for page in pages:
        assignment = (f"[statement]({page.assignment}.ipynb) · {{download}}`notebook "
                      f"<{page.exercise}>`" if page.has_assignment else "")
        rows.append(f"| [{page.title}]({page.lesson}.md) | {assignment} |")
    toc = "\n".join(document for page in pages for document in page.documents)
    return f"""\
# {TITLE}

Lessons in backend web development, each run against a real server: the course's reference
server, a small implementation of the Conduit blogging API. Each lesson below is shown with the
outputs its cells printed when this site was built; each has an assignment, graded by tests you
can run yourself. To run the lessons and answer the assignments, clone the course and run
`make run` in its folder: see its README.

| Lesson | Assignment |
|---|---|
{chr(10).join(rows)}

```{{toctree}}
:hidden:
:maxdepth: 1

{toc}
```
"""


def stage(course, source):
    """Write the site's sources into ``source``: a learner's copy of the course, the statements
    as pages, the home page and Sphinx's settings. Returns the pages in course order."""
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    stage_release(course, source)
    released = {path.parent.name for path in (source / "exercises").glob("*/*.ipynb")}
    pages = []
    for lesson in sorted((source / "lessons").glob("*.md")):
        page = Page(lesson.stem, lesson_title(lesson), lesson.stem in released)
        pages.append(page)
        with lesson.open("a", encoding="utf-8") as text:
            text.write(lesson_footer(page))
        if page.has_assignment:
            write_statement(source, page)
    (source / "index.md").write_text(index_page(pages), encoding="utf-8")
    (source / "conf.py").write_text(CONF.format(title=TITLE, timeout=CELL_TIMEOUT),
                                    encoding="utf-8")
    return pages


def write_statement(source, page):
    """The assignment's notebook as learners get it, with a note on how to answer it."""
    statement = notebooks.read(source / page.exercise.lstrip("/"))
    first = statement.cells[0] if statement.cells else None
    at = 1 if first and first.cell_type == "markdown" and first.source.startswith("# ") else 0
    statement.cells.insert(at, nbformat.v4.new_markdown_cell(assignment_note(page)))
    notebooks.content_ids(statement.cells)
    notebooks.write_if_changed(source / f"{page.assignment}.ipynb", notebooks.dumps(statement))


# MyST-NB's line that says a lesson ran, and in how long.
EXECUTED = re.compile(r"^(?P<path>\S+): Executed notebook in (?P<seconds>[\d.]+) seconds")
FAILED = re.compile(r"^(?P<path>\S+): WARNING: Executing notebook failed")
TRACEBACK = re.compile(r"Notebook exception traceback saved in: (?P<log>\S+)")
# Sphinx's lines that name a problem; a kernel's own warnings about its transport are not one.
PROBLEM = re.compile(r"^(?!\[IPKernelApp\]).*(WARNING|ERROR)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_sphinx(course, source, out, log, jobs=2, echo=print):
    """Build the HTML with Sphinx, every line into ``log``; ``echo`` gets a line per lesson
    run. CourseError naming each failed lesson and its error, or Sphinx's warnings."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", str(jobs), "-n",
               "--keep-going", "-W", "--no-color", str(source), str(out)]
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as written:
        process = subprocess.Popen(command, cwd=source, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, bufsize=1)
        for line in map(plain, process.stdout):
            written.write(line)
            if match := EXECUTED.search(line):
                echo(f"  ran lesson {Path(match['path']).stem} in "
                     f"{float(match['seconds']):.0f} s")
            elif match := FAILED.search(line):
                echo(f"  lesson {Path(match['path']).stem} failed")
        code = process.wait()
    if code != 0:
        raise CourseError("the site could not be built. Cause: "
                          + "\n    ".join(problems(log.read_text(encoding="utf-8"), course, source))
                          + "\nFix: correct what is named above and run course site again "
                          f"(the whole output is in {course.relative(log)}).")
    return time.monotonic() - started


def problems(output, course, source):
    """What went wrong in a failed build: each lesson whose cell raised, with the exception
    and where its traceback is; else Sphinx's warnings; else the end of its output."""
    lines = output.splitlines()
    failed = [in_course(Path(match["path"]), course, source) for line in lines
              if (match := FAILED.search(line))]
    tracebacks = [Path(match["log"]) for line in lines if (match := TRACEBACK.search(line))]
    if failed:
        found = []
        for lesson, traceback in zip(failed, tracebacks + [None] * len(failed)):
            found.append(f"a cell of {lesson} raised {last_exception(traceback)}"
                         + (f" (traceback: {course.relative(traceback)})" if traceback else ""))
        return found
    return [line for line in lines if PROBLEM.search(line)][-8:] or lines[-8:]


def in_course(path, course, source):
    """A staged page's own source in the course (lessons/00-start-here.md), for messages."""
    try:
        return path.relative_to(source)
    except ValueError:
        return course.relative(path)


def plain(line):
    """A line of output without its terminal colours."""
    return ANSI.sub("", line)


def last_exception(traceback):
    """The last "Name: message" line of a saved cell traceback, without its colours."""
    if traceback is None or not traceback.is_file():
        return "an exception"
    text = plain(traceback.read_text(encoding="utf-8", errors="replace"))
    found = [line.strip() for line in text.splitlines()
             if re.match(r"^\s*[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", line)]
    return found[-1] if found else "an exception"


def site_folder(course, out=None):
    """Where the site is written: ``out``, or ``build/site`` in the course."""
    return Path(out).expanduser().resolve() if out else course.root / OUT


def build_site(course, out=None, jobs=2, echo=print):
    """Build the site into ``out`` (default ``build/site``); returns ``(pages, seconds, out)``."""
    out = site_folder(course, out)
    source = course.root / SOURCE
    if out == source or source in out.parents:
        raise CourseError(f"--out {out} is inside {source}, which each build replaces. Fix: "
                          f"choose another folder, e.g. the default {OUT}.")
    echo(f"Staging the course's pages in {course.relative(source)} ...")
    pages = stage(course, source)
    echo(f"Building {len(pages)} lessons and {sum(p.has_assignment for p in pages)} "
         "assignments with Sphinx; each lesson runs, which takes a few minutes ...")
    if out.exists():
        shutil.rmtree(out)
    seconds = run_sphinx(course, source, out, course.root / LOG, jobs=jobs, echo=echo)
    return pages, seconds, out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files, pages as UTF-8, without a log line per request."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript",
                      ".css": "text/css"}

    def log_message(self, format, *args):
        pass


def check_site_port(port):
    """CourseError with a Cause and a Fix when the site's ``port`` cannot be listened on."""
    from server.listen import PortUnavailable, check_ports

    try:
        check_ports(port)
    except PortUnavailable as error:
        raise CourseError(str(error)) from None


def serve_site(out, port, announce=print):
    """Serve the folder ``out`` on http://127.0.0.1:PORT/ until Ctrl-C."""
    with serving(out, port) as url:
        announce(f"The course site on {url} (Ctrl-C stops it).")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


@contextlib.contextmanager
def serving(out, port=0):
    """The site served from ``out`` in a background thread; yields its URL (for tests)."""
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
