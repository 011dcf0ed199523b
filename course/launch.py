"""``course serve``, ``course lab`` and ``course run``: the reference server and JupyterLab.

Both run as child processes of this one, with this Python's ``bin`` folder first on PATH (so a
terminal opened in JupyterLab has ``course`` and ``python`` from the course's environment) and
the course's Jupyter settings in ``course/jupyter/`` (nbgrader's instructor and exchange panels
off: they need a shared exchange folder or would write a gradebook into the course).

Before starting anything, each verb checks what a newcomer gets wrong first (the settings, the
database, the ports) with the server's own checks, and stops with one "Cause: ... Fix: ..."
message whose fix names the form that works from where the person started: ``course run
--api-port 8001``, or ``make run API_PORT=8001`` when the Makefile started it (it sets
``STARTED_BY``). ``course run`` writes the server's and JupyterLab's output to ``LOG`` and
prints one banner once both answer. Ctrl-C reaches the children too; this process then waits
for them to finish cleanly.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import traceback
import urllib.request
from pathlib import Path

from .grading import venv_on_path
from .paths import CourseError

JUPYTER_SETTINGS = Path(__file__).resolve().parent / "jupyter"
FIRST_LESSON = "00-start-here.ipynb"
# Set by the Makefile to the make command that started this one ("make run"), so that fixes
# name make's variables (API_PORT, LAB_PORT) rather than this command's options.
STARTED_BY = "COURSE_STARTED_BY"
MAKE_VARIABLES = {"api": "API_PORT", "lab": "LAB_PORT", "site": "SITE_PORT"}
LOG = Path("var") / "course-run.log"  # in the course folder: course run's children's output
LAB_HOST = "127.0.0.1"
# A child that stops with this code has printed its own "Cause: ... Fix: ..." message.
EXPLAINED_EXIT = 2


def child_env(**extra):
    """The environment for a child: the course's Python first on PATH, its Jupyter settings,
    and nothing that would make a command typed later in JupyterLab claim make started it."""
    venv_on_path()
    env = {key: value for key, value in os.environ.items() if key != STARTED_BY}
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(JUPYTER_SETTINGS)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
                                   if p])
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra)
    return env


def start(command, course, env=None, output=None):
    """Start a child in the course folder; its output goes to ``output`` (a file) or here."""
    return subprocess.Popen(command, cwd=course.root, env=env or child_env(),
                            stdin=subprocess.DEVNULL, stdout=output,
                            stderr=subprocess.STDOUT if output else None)


def stop(process, interrupted=False, grace=10):
    """Stop a child and wait for it. After Ctrl-C it had the signal too: give it time to
    finish first, since a second one would cut its shutdown short. Then ask, then insist."""
    if process.poll() is None and interrupted:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    for ask in (lambda: process.send_signal(signal.SIGINT), process.terminate, process.kill):
        if process.poll() is not None:
            break
        ask()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    return process.wait()


def wait(process):
    """Wait for a child to end; on Ctrl-C, give it time to shut down instead of abandoning it."""
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop(process, interrupted=True)
        raise


def how_to_choose(verb, option, part):
    """How the person picks another port for ``part`` ("api" or "lab"), ``{port}`` standing for
    the number: make's variable when make started this command, else this verb's option."""
    started_by = os.environ.get(STARTED_BY, "").strip()
    if started_by:
        return f"{started_by} {MAKE_VARIABLES[part]}={{port}}"
    return f"course {verb} --{option} {{port}}"


def server_port(verb, host, port, option="port"):
    from server.listen import Port

    return Port("the reference server", host, port, how_to_choose(verb, option, "api"))


def lab_port(verb, port, option="port"):
    from server.listen import Port

    return Port("JupyterLab", LAB_HOST, port, how_to_choose(verb, option, "lab"))


def site_port(verb, port, option="port"):
    from server.listen import Port

    return Port("the course site", LAB_HOST, port, how_to_choose(verb, option, "site"))


def explained(error, debug):
    """A CourseError carrying a server check's message; with ``debug``, print its traceback."""
    if debug:
        traceback.print_exception(error)
    return CourseError(str(error))


def preflight(course, ports, database=True, debug=False):
    """Check, before starting anything, the settings and database (when ``database``) and
    that every one of ``ports`` is free; CourseError with a Cause and a Fix if not.

    The same checks run in ``python -m server``; run here, the message is this command's and
    nothing is half started. They run in the course folder, where the children will.
    """
    from server.config import ConfigError, load_config
    from server.database import ensure_reachable, open_database
    from server.listen import PortUnavailable, check_ports

    with contextlib.chdir(course.root):
        try:
            if database:
                ensure_reachable(open_database(load_config()["DATABASE_URL"]))
            check_ports(*ports)
        except (ConfigError, PortUnavailable) as error:
            raise explained(error, debug) from error


def server_command(host, port, debug=False):
    return [sys.executable, "-m", "server", "run", "--host", host, "--port", str(port)] + (
        ["--debug"] if debug else [])


def server_env(port):
    """The server child's environment: how to pick another port, should it find its own
    taken after all (by a program started since the check)."""
    from server.listen import PORT_FIX_VARIABLE

    return child_env(**{PORT_FIX_VARIABLE: port.choose})


def first_lesson(course):
    """The lesson JupyterLab opens at: 00, else the first there is, else None."""
    lesson = course.notebooks / FIRST_LESSON
    if not lesson.is_file():
        found = sorted(course.notebooks.glob("*.ipynb"))
        lesson = found[0] if found else None
    return None if lesson is None else lesson.relative_to(course.root).as_posix()


def lab_command(course, port, browser):
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course.root}",
               f"--ServerApp.ip={LAB_HOST}", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", "--ServerApp.answer_yes=True"]
    lesson = first_lesson(course)
    if lesson is not None:
        command.append(f"--LabApp.default_url=/lab/tree/{lesson}")
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # e.g. inside a container
        command.append("--allow-root")
    return command


def seed(course, debug=False, output=None):
    """Add the demo data if the database is empty. Returns the child's exit code when it
    stopped with its own Cause and Fix; raises CourseError for any other failure."""
    command = [sys.executable, "-m", "server", "seed"] + (["--debug"] if debug else [])
    result = subprocess.run(command, cwd=course.root, env=child_env(), stdin=subprocess.DEVNULL,
                            stdout=output, stderr=subprocess.STDOUT if output else None)
    if result.returncode in (0, EXPLAINED_EXIT):
        return result.returncode
    where = f"in {LOG}" if output else "above"
    raise CourseError(f"Cause: adding the demo data failed (python -m server seed, exit code "
                      f"{result.returncode}; its output is {where}). Fix: run "
                      "`python -m server seed --debug` in the course folder to see why.")


def serve(course, host="127.0.0.1", port=8000, debug=False):
    """The reference server alone, with demo data, its access log here."""
    api = server_port("serve", host, port)
    preflight(course, [api], debug=debug)
    code = seed(course, debug)
    if code:
        return code
    return wait(start(server_command(host, port, debug), course, env=server_env(api)))


def lab(course, port=8888, browser=True, debug=False):
    """JupyterLab alone, its output here."""
    preflight(course, [lab_port("lab", port)], database=False, debug=debug)
    return wait(start(lab_command(course, port, browser), course))


def answers(process, url, seconds=60):
    """Poll ``url`` until it answers 200: True; False if the process ends or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def tail(path, offset, lines=6):
    """The last ``lines`` lines written to ``path`` after byte ``offset``."""
    with open(path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    return [line for line in text.splitlines() if line.strip()][-lines:]


def did_not_start(what, code, log, offset):
    """CourseError for a child that stopped (exit ``code``), or never answered (None), while
    starting: its own Cause and Fix when it gave them, else its last lines and where the rest
    is."""
    lines = tail(log, offset)
    own = [line for line in lines if "Cause:" in line and "Fix:" in line]
    if code == EXPLAINED_EXIT and own:  # "python -m server run: Cause: ...": keep the message
        return CourseError(own[-1][own[-1].index("Cause:"):])
    state = "did not answer within a minute" if code is None else (
        f"stopped while starting (exit code {code})")
    shown = "\n".join("    " + line for line in lines)
    return CourseError(f"Cause: {what} {state}; the last lines it wrote:\n{shown}\n"
                       f"Fix: read {LOG} in the course folder for all of it; run again with "
                       "--debug to see any traceback in full.")


def banner(api_url, lab_url, log):
    """What course run prints once everything answers: where each part is, and the log."""
    from server.seed import DEMO_PASSWORD

    return "\n".join([
        "",
        "The course is running. Ctrl-C stops it.",
        f"  JupyterLab:    {lab_url}",
        f"  API:           {api_url}/api   (log in as alice@example.com, password "
        f"{DEMO_PASSWORD})",
        f"  API explorer:  {api_url}/api/docs",
        f"  Log:           {log}",
        ""])


def run(course, api_host="127.0.0.1", api_port=8000, lab_port_number=8888, browser=True,
        debug=False):
    """The reference server in the background and JupyterLab, their output in ``LOG``, and one
    banner once both answer; Ctrl-C stops both."""
    api = server_port("run", api_host, api_port, option="api-port")
    lab_at = lab_port("run", lab_port_number, option="lab-port")
    preflight(course, [api, lab_at], debug=debug)
    log_path = course.root / LOG
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        log_path.chmod(0o600)  # it holds JupyterLab's token
        code = seed(course, debug, output=log)
        if code:
            raise did_not_start("adding the demo data", code, log_path, 0)
        interrupted = False
        offset = log_path.stat().st_size
        server = start(server_command(api_host, api_port, debug), course, env=server_env(api),
                       output=log)
        lab_process = None
        try:
            api_url = f"http://{api_host}:{api_port}"
            if not answers(server, f"{api_url}/healthz"):
                raise did_not_start("the reference server", server.poll(), log_path, offset)
            token = secrets.token_urlsafe(24)
            offset = log_path.stat().st_size
            lab_process = start(lab_command(course, lab_port_number, browser), course,
                                env=child_env(JUPYTER_TOKEN=token), output=log)
            lab_url = f"http://{LAB_HOST}:{lab_port_number}"
            if not answers(lab_process, f"{lab_url}/api"):
                raise did_not_start("JupyterLab", lab_process.poll(), log_path, offset)
            lesson = first_lesson(course)
            page = f"{lab_url}/lab/tree/{lesson}" if lesson else f"{lab_url}/lab"
            print(banner(api_url, f"{page}?token={token}", LOG), flush=True)
            return watch(server, lab_process)
        except KeyboardInterrupt:
            interrupted = True
            raise
        finally:
            for process in (lab_process, server):
                if process is not None:
                    stop(process, interrupted)
            if interrupted:
                print("Stopped " + ("JupyterLab and " if lab_process else "")
                      + "the reference server.", flush=True)


def watch(server, lab_process):
    """Wait until either child stops; say which, so the other can be stopped too."""
    while server.poll() is None and lab_process.poll() is None:
        time.sleep(0.2)
    which = "the reference server" if server.poll() is not None else "JupyterLab"
    code = server.poll() if server.poll() is not None else lab_process.poll()
    raise CourseError(f"Cause: {which} stopped (exit code {code}); its last lines are in "
                      f"{LOG}. Fix: read them, then start the course again.")
