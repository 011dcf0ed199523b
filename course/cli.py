"""``course``: the course's command line. Every verb is tested in-process through ``main``.

    course build                 regenerate notebooks/ and exercises/ from their sources
    course check NOTEBOOK        run an exercise the way the grader will, and show the score
    course progress              points so far, per assignment
    course submit ASSIGNMENT     zip an assignment for handing in
    course run | serve | lab     the course in JupyterLab, with the reference server
    course grade ASSIGNMENT      grade a whole class's submissions (instructors)
    course release --out DIR     a learner's copy of the course, without solutions (instructors)
    course site [--serve]        the lessons and assignments as a static website
    course conformance URL       score any running Conduit server against the API's spec
"""

import argparse
import sys
from pathlib import Path

from .paths import CourseError, find_course
from .startup import skip_slow_imports

DESCRIPTION = """\
The backend web development course: lessons in JupyterLab, graded exercises, and the
reference server they run against. Run it from the course folder (or pass --root)."""

EPILOG = """\
a learner's loop:
  course run                                      JupyterLab at lesson 00, server beside it
  course check exercises/00-start-here/00-start-here.ipynb
  course progress
  course submit 00-start-here

an instructor's loop:
  edit lessons/*.md and solutions/*/*.ipynb, then
  course build                                    regenerate notebooks/ and exercises/
  course release --out ~/backend-course-class     a learner's copy to publish to the class
  course site --serve                             the course as a website, on 127.0.0.1
  course grade 04-apis --submissions class.zip --out ~/grading/04-apis

judging a Conduit server (yours, in any language, or the reference one):
  course conformance http://127.0.0.1:3000/api    a score per area, each failure with curl"""

CONFORMANCE_DESCRIPTION = """\
Run the conformance suite against the Conduit API at URL: your own server in any
language, or the reference one. It registers its own users (random names every run),
deletes the articles and comments it made, and prints points per area, then each failing
check: the requirement, the request, what was expected and what came back, and a curl
line that sends the request again. Each request times out after --timeout seconds."""

CONFORMANCE_EPILOG = """\
areas: {areas}

examples:
  course serve &                                  the reference server, on port 8000
  course conformance http://127.0.0.1:8000/api    every check; exit 0 only if all pass
  course conformance 127.0.0.1:3000               /api is tried first when it is left out
  course conformance URL --area feed              one area
  course conformance URL --json > result.json     JSON on stdout, the table on stderr
  course conformance URL --reference              also the reference server's own choices

exit status: 0 every check passed, 1 some failed, 2 a usage error or a URL where no Conduit
API answers."""


def at_least_one(unit=""):
    """An argparse type: a whole number of ``unit`` (e.g. "seconds"), 1 or more."""
    of = f" of {unit}" if unit else ""

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number{of}, got {text!r}")
        if value < 1:
            raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
        return value

    return parse


positive_seconds = at_least_one("seconds")
positive_count = at_least_one()


def port(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a port number, got {text!r}")
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"must be between 1 and 65535, got {value}")
    return value


def timeout_option(command):
    command.add_argument("--timeout", type=positive_seconds, default=10, metavar="SECONDS",
                         help="stop a cell that runs longer than this (default: 10)")


def parser():
    main = argparse.ArgumentParser(prog="course", description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", metavar="FOLDER",
                      help="the course folder (default: the one around the current folder)")
    verbs = main.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(name, help_text, description=None):
        return verbs.add_parser(name, help=help_text, description=description or help_text)

    build = verb("build", "regenerate notebooks/ from lessons/ and exercises/ from solutions/",
                 "Regenerate notebooks/NN-topic.ipynb from lessons/NN-topic.md (jupytext) and "
                 "exercises/NN-topic/ from solutions/NN-topic/ (nbgrader generate_assignment, "
                 "in a temporary folder). Running it on an up-to-date checkout changes nothing.")
    build.add_argument("--check", action="store_true",
                       help="write nothing; list what is out of date and exit 1 if anything is")
    build.add_argument("--force", action="store_true",
                       help="overwrite exercise notebooks even when they hold answers")

    check = verb("check", "run an exercise notebook the way the grader will and show the score",
                 "Run NOTEBOOK in a fresh kernel as nbgrader's autograder does: test cells are "
                 "restored from the instructor's version in solutions/ (so editing them proves "
                 "nothing) and hidden checks run too; in a learner's copy made by course "
                 "release, they are restored from blank/, the exercises as released, and hidden "
                 "checks run only when the instructor grades. Prints each graded task; exits 0 "
                 "only when every one passes.")
    check.add_argument("notebook", metavar="NOTEBOOK",
                       help="an exercise notebook, "
                            "e.g. exercises/00-start-here/00-start-here.ipynb")
    timeout_option(check)

    verb("progress", "show the points you have so far in every assignment",
         "A table of every assignment in exercises/ with the points of your last "
         "`course check` of each notebook, the points possible, and when you checked.")

    submit = verb("submit", "zip an assignment's notebooks for handing in",
                  "Zip exercises/ASSIGNMENT/*.ipynb into submissions/, each file named the way "
                  "nbgrader's zip_collect (and course grade) expect: "
                  "ASSIGNMENT_STUDENT_attempt_YYYYMMDDTHHMMSSZ_NOTEBOOK.ipynb.")
    submit.add_argument("assignment", metavar="ASSIGNMENT", help="e.g. 00-start-here")
    submit.add_argument("--student", metavar="ID",
                        help="your student id: letters, digits, dots and hyphens "
                             "(default: $COURSE_STUDENT, else your login name)")
    submit.add_argument("--out", metavar="FOLDER",
                        help="where to put the zip (default: submissions/ in the course)")

    grade = verb("grade", "grade a class's submissions: grades.csv, feedback pages, a summary",
                 "Grade every student's submission of ASSIGNMENT with nbgrader, in parallel, "
                 "each kernel in a sandbox (bubblewrap) with limits on CPU time, memory and "
                 "processes. Writes OUT/grades.csv (a row per student, with a status), "
                 "OUT/feedback/<student>/, and OUT/ignored.csv. Running it again grades only "
                 "new or changed submissions, and continues an interrupted run.",
                 )
    grade.add_argument("assignment", metavar="ASSIGNMENT", help="e.g. 04-apis")
    grade.add_argument("--submissions", required=True, metavar="PATH",
                       help="a zip of the class's submissions (files named "
                            "ASSIGNMENT_STUDENT_attempt_YYYYMMDDTHHMMSSZ_NOTEBOOK.ipynb, as "
                            "course submit makes them; zips inside it are opened too), or a "
                            "folder with one sub-folder per student: PATH/STUDENT/*.ipynb")
    grade.add_argument("--out", required=True, metavar="DIR",
                       help="where the results go; outside the course's repository")
    grade.add_argument("--jobs", type=positive_count, default=None, metavar="N",
                       help="students graded at once (default: twice the number of cores, "
                            "as the free memory allows)")
    timeout_option(grade)
    grade.add_argument("--force", action="store_true",
                       help="grade every student again, even those already graded")

    release = verb("release", "write a learner's copy of the course, without solutions or "
                   "hidden tests (instructors)",
                   "Write to DIR the course as learners of a graded class get it: README, "
                   "Makefile, lessons and their notebooks, the exercises, the reference server "
                   "and this tool, without solutions/, tests/ or any hidden test. In it, course "
                   "check runs the visible tests (restoring the test cells from blank/, the "
                   "exercises as released) and says that hidden checks run at grading; grade "
                   "what learners hand in with course grade, in this repository. DIR must be "
                   "outside it, and new or empty; nothing in DIR is put under version control.")
    release.add_argument("--out", required=True, metavar="DIR",
                         help="where to write the learner's copy: a new or empty folder "
                              "outside the course's repository")
    release.add_argument("--force", action="store_true",
                         help="write into a folder that is not empty, replacing the course's "
                              "parts in it (a .git folder and other files are left alone)")

    site = verb("site", "build the lessons and assignments as a static website",
                "Build build/site/: every lesson as a web page, run at build time so that its "
                "outputs show, and every assignment's statement as learners get it, with a "
                "link to its notebook, in course order (Sphinx with MyST-NB, offline). It "
                "builds in a learner's copy staged in build/site-source/, so no page shows a "
                "solution or your own answers. Open build/site/index.html, or serve it with "
                "--serve.")
    site.add_argument("--out", metavar="DIR",
                      help="where to write the site (default: build/site in the course)")
    site.add_argument("--serve", action="store_true",
                      help="after building, serve the site on http://127.0.0.1:PORT/ until "
                           "Ctrl-C")
    site.add_argument("--port", type=port, default=8010, metavar="PORT",
                      help="the port --serve listens on (default: 8010)")
    site.add_argument("--no-build", action="store_true",
                      help="with --serve, serve the last build as it is")

    def server_options(command, prefix=""):
        command.add_argument(f"--{prefix}host", default="127.0.0.1", metavar="HOST",
                             help="address the reference server listens on (default: 127.0.0.1)")
        command.add_argument(f"--{prefix}port", type=port, default=8000, metavar="PORT",
                             help="the reference server's port (default: 8000)")

    def lab_options(command, prefix=""):
        command.add_argument(f"--{prefix}port", type=port, default=8888, metavar="PORT",
                             help="JupyterLab's port (default: 8888)")
        command.add_argument("--no-browser", action="store_true",
                             help="do not open a web browser; open the printed URL yourself")

    def debug_option(command):
        command.add_argument("--debug", action="store_true",
                             help="on an error, show its traceback as well as its Cause and Fix")

    serve = verb("serve", "serve the reference server with demo data (Ctrl-C stops it)",
                 "Add the demo data if the database is empty, then serve the Conduit API "
                 "(python -m server seed; python -m server run).")
    server_options(serve)
    debug_option(serve)

    lab = verb("lab", "open JupyterLab on the course at lesson 00 (Ctrl-C stops it)",
               "JupyterLab on the course folder, opening notebooks/00-start-here.ipynb, with "
               "nbgrader's Validate button; its instructor and exchange panels are off.")
    lab_options(lab)
    debug_option(lab)

    run = verb("run", "start the course: the reference server, and JupyterLab at lesson 00",
               "The reference server (seeded) and JupyterLab, their output in "
               "var/course-run.log; prints JupyterLab's and the API's URLs once both answer. "
               "Ctrl-C stops both.")
    server_options(run, prefix="api-")
    lab_options(run, prefix="lab-")
    debug_option(run)

    from .conformance.registry import AREAS

    conformance = verbs.add_parser(
        "conformance", help="score any running Conduit server against the RealWorld API spec",
        description=CONFORMANCE_DESCRIPTION,
        epilog=CONFORMANCE_EPILOG.format(areas=", ".join(AREAS)),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    conformance.add_argument("url", metavar="URL",
                             help="the API's base URL, e.g. http://127.0.0.1:8000/api "
                                  "(with or without /api)")
    conformance.add_argument("--area", choices=list(AREAS), metavar="AREA",
                             help=f"run one area only: {', '.join(AREAS)}")
    conformance.add_argument("--json", action="store_true",
                             help="write the report as JSON on stdout (the table goes to "
                                  "stderr)")
    conformance.add_argument("--reference", action="store_true",
                             help="also check the reference server's own choices where the "
                                  "spec is silent (403s, 404s, sorted tagList, stable slugs)")
    conformance.add_argument("--timeout", type=positive_seconds, default=10, metavar="SECONDS",
                             help="how long to wait for each answer (default: 10)")
    return main


def main(argv=None):
    """Run one verb; returns the exit code (0 success, 1 failed check or drift, 2 an error)."""
    skip_slow_imports()
    args = parser().parse_args(argv)
    try:
        # The conformance suite needs only a URL: it runs where no course folder is.
        course = None if args.verb == "conformance" else find_course(args.root)
        return VERBS[args.verb](course, args)
    except CourseError as error:
        print(f"course {args.verb}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_verb(course, args):
    from .build import build

    course.for_instructors("build")
    changes = build(course, check=args.check, force=args.force)
    done = "out of date" if args.check else "updated"
    for path in changes.written:
        print(f"{done}: {path}")
    for path in changes.removed:
        print(f"{'left over' if args.check else 'removed'}: {path}")
    if not changes:
        print("notebooks/ and exercises/ are up to date with lessons/ and solutions/.")
        return 0
    if args.check:
        print("Fix: run `course build`, then commit what it changed.", file=sys.stderr)
        return 1
    return 0


def check_verb(course, args):
    from .check import check, render
    from .progress import record
    from .terminal import wants_colour

    report = check(course, args.notebook, timeout=args.timeout)
    print(render(report, colour=wants_colour()))
    if report.recordable:
        record(course, report)
    return 0 if report.passed else 1


def progress_verb(course, args):
    from .progress import render_progress
    from .terminal import wants_colour

    print(render_progress(course, colour=wants_colour()))
    return 0


def submit_verb(course, args):
    from .submit import submit, warnings
    from .terminal import paint, wants_colour

    zip_path, names = submit(course, args.assignment, student=args.student, out=args.out)
    for warning in warnings(course, args.assignment, args.student):
        print(f"{paint('warning:', 'yellow', wants_colour(sys.stderr))} {warning}",
              file=sys.stderr)
    print(f"Submission ready: {zip_path}")
    for name in names:
        print(f"  {name}")
    print("Hand in that zip file as your course asks (e.g. upload it to the LMS).")
    return 0


def serve_verb(course, args):
    from .launch import serve

    return serve(course, host=args.host, port=args.port, debug=args.debug)


def lab_verb(course, args):
    from .launch import lab

    return lab(course, port=args.port, browser=not args.no_browser, debug=args.debug)


def run_verb(course, args):
    from .launch import run

    return run(course, api_host=args.api_host, api_port=args.api_port,
               lab_port_number=args.lab_port, browser=not args.no_browser, debug=args.debug)


def grade_verb(course, args):
    from .grade import grade
    from .results import render_summary

    course.for_instructors("grade")
    results = grade(course, args.assignment, args.submissions, args.out, jobs=args.jobs,
                    timeout=args.timeout, force=args.force)
    print(render_summary(results, Path(args.out).expanduser().resolve()))
    return 0


def release_verb(course, args):
    from .release import release, render_release

    print(render_release(release(course, args.out, force=args.force)))
    return 0


def site_verb(course, args):
    from .launch import site_port
    from .site import build_site, check_site_port, serve_site, site_folder

    if args.serve:
        check_site_port(site_port("site", args.port))  # before minutes of building, not after
    if args.no_build:
        out = site_folder(course, args.out)
        if not (out / "index.html").is_file():
            raise CourseError(f"{out} holds no built site. Fix: run course site first, or "
                              "leave out --no-build.")
    else:
        pages, seconds, out = build_site(course, args.out)
        print(f"Built {len(pages)} lessons in {seconds:.0f} s: {course.relative(out)}/index.html")
    if args.serve:
        serve_site(out, args.port)
    else:
        print("To read it in a browser: course site --serve (or open index.html).")
    return 0


def conformance_verb(course, args):
    from .conformance import dumps, locate, render, run, select
    from .terminal import wants_colour

    api = locate(args.url, timeout=args.timeout)
    report = run(api, select(args.area, reference=args.reference), timeout=args.timeout,
                 reference=args.reference)
    if args.json:
        print(render(report, colour=wants_colour(sys.stderr)), file=sys.stderr)
        print(dumps(report))
    else:
        print(render(report, colour=wants_colour()))
    return 0 if report.passed else 1


VERBS = {"build": build_verb, "check": check_verb, "progress": progress_verb,
         "submit": submit_verb, "serve": serve_verb, "lab": lab_verb, "run": run_verb,
         "grade": grade_verb, "release": release_verb, "site": site_verb,
         "conformance": conformance_verb}
