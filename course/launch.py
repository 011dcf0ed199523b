"""``course serve``, ``course lab`` and ``course run``: the reference server and JupyterLab.

Both run as child processes of this one, with this Python's ``bin`` folder first on PATH (so a
terminal opened in JupyterLab has ``course`` and ``python`` from the course's environment) and
the course's Jupyter settings in ``course/jupyter/`` (nbgrader's instructor and exchange panels
off: they need a shared exchange folder or would write a gradebook into the course).
Ctrl-C reaches the children too; this process then waits for them to finish cleanly.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .grading import venv_on_path
from .paths import CourseError

JUPYTER_SETTINGS = Path(__file__).resolve().parent / "jupyter"
FIRST_LESSON = "00-start-here.ipynb"


def child_env():
    venv_on_path()
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(JUPYTER_SETTINGS)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
                                   if p])
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def start(command, course):
    return subprocess.Popen(command, cwd=course.root, env=child_env())


def stop(process, grace=10):
    """Ask a child to stop (it may already have had Ctrl-C), then insist."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return process.returncode


def wait(process):
    """Wait for a child to end; on Ctrl-C, give it time to shut down instead of abandoning it."""
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop(process)
        raise


def seed(course):
    result = subprocess.run([sys.executable, "-m", "server", "seed"], cwd=course.root,
                            env=child_env())
    if result.returncode:
        raise CourseError("the demo data could not be added (see the message above). Fix: run "
                          "`python -m server seed --reset` to start from a fresh database.")


def server_command(host, port):
    return [sys.executable, "-m", "server", "run", "--host", host, "--port", str(port)]


def lab_command(course, port, browser):
    lesson = course.notebooks / FIRST_LESSON
    if not lesson.is_file():
        found = sorted(course.notebooks.glob("*.ipynb"))
        lesson = found[0] if found else None
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course.root}",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", "--ServerApp.answer_yes=True"]
    if lesson is not None:
        page = lesson.relative_to(course.root).as_posix()
        command.append(f"--LabApp.default_url=/lab/tree/{page}")
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # e.g. inside a container
        command.append("--allow-root")
    return command


def serve(course, host="127.0.0.1", port=8000):
    seed(course)
    return wait(start(server_command(host, port), course))


def lab(course, port=8888, browser=True):
    return wait(start(lab_command(course, port, browser), course))


def wait_until_serving(process, url, seconds=30):
    """Poll the server's health check until it answers; CourseError if it dies or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def run(course, api_host="127.0.0.1", api_port=8000, lab_port=8888, browser=True):
    """The reference server in the background, JupyterLab in front; Ctrl-C stops both."""
    seed(course)
    server = start(server_command(api_host, api_port), course)
    try:
        if not wait_until_serving(server, f"http://{api_host}:{api_port}/healthz"):
            raise CourseError(f"the reference server did not start on {api_host}:{api_port} "
                              "(see its message above; is another program using the port?). "
                              "Fix: stop that program, or pick another port with "
                              "course run --api-port 8001.")
        print(f"Reference server: http://{api_host}:{api_port}/api  (Ctrl-C stops it and "
              "JupyterLab)", flush=True)
        return wait(start(lab_command(course, lab_port, browser), course))
    finally:
        stop(server)
