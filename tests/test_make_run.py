"""``make run`` as a person runs it: in a terminal (a pty), on ports of its own, then Ctrl-C.

It must print one short banner once JupyterLab and the API answer (JupyterLab's URL with its
token, the API's and its explorer's URLs, where the log is), keep Jupyter's and the API's own
lines out of the terminal and in the log, and stop both on Ctrl-C, leaving nothing running.
"""

import os
import pty
import re
import select
import shutil
import signal
import time

import psutil
import pytest
import requests

from course.services import free_port
from server.listen import bind_error

from .test_newcomer_errors import ROOT, quiet_env

LOG = ROOT / "var" / "course-run.log"


def read_until(fd, pattern, seconds):
    """What the terminal shows until ``pattern`` appears (or the program ends, or time runs
    out: then the test fails, showing what it got)."""
    output, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program ended and the terminal closed
                chunk = b""
            if not chunk:
                break
            output += chunk
            if re.search(pattern, output.decode("utf-8", "replace")):
                return output.decode("utf-8", "replace")
    text = output.decode("utf-8", "replace")
    assert re.search(pattern, text), \
        f"waited {seconds} s for {pattern!r}; the terminal showed:\n{text}"
    return text


@pytest.fixture
def kept_log():
    """Keep a log an earlier ``make run`` left in var/, and put it back afterwards."""
    before = LOG.read_bytes() if LOG.exists() else None
    yield LOG
    if before is None:
        LOG.unlink(missing_ok=True)
    else:
        LOG.write_bytes(before)


def reap(pid, seconds):
    """Wait up to ``seconds`` for the child ``pid`` to end; its wait status, or None if it had
    to be killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def test_make_run_prints_one_banner_and_ctrl_c_stops_both(tmp_path, kept_log):
    make, course = shutil.which("make"), ROOT / ".venv" / "bin" / "course"
    if make is None:
        pytest.skip("make is not installed: apt-get install make")
    if not course.exists():
        pytest.skip(f"{course} is missing: run make install")
    api_port, lab_port = free_port(), free_port()
    env = quiet_env(tmp_path, JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
                    TERM="xterm")
    # -o: the test runs what is installed; it never installs.
    command = [make, "-C", str(ROOT), "-o", ".venv/.installed", "run", f"API_PORT={api_port}",
               f"LAB_PORT={lab_port}", "NO_BROWSER=1"]
    children, interrupted = [], False
    pid, fd = pty.fork()
    if pid == 0:  # the child: make, in a terminal of its own
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)
    try:
        shown = read_until(fd, r"Log: +\S+\s*\n", seconds=180)
        children = psutil.Process(pid).children(recursive=True)
        lab_url = re.search(rf"JupyterLab: +(http://127\.0\.0\.1:{lab_port}/lab/tree/"
                            r"notebooks/00-start-here\.ipynb\?token=(\S+))", shown)
        assert lab_url, shown
        assert re.search(rf"API: +http://127\.0\.0\.1:{api_port}/api\b", shown), shown
        assert f"API explorer:  http://127.0.0.1:{api_port}/api/docs" in shown, shown
        assert "Log:           var/course-run.log" in shown, shown
        assert shown.count("The course is running") == 1, shown
        for noise in ("[I ", "ServerApp", "Conduit API on", '"GET ', "Added 10 users"):
            assert noise not in shown, f"{noise!r} belongs in the log, not on the terminal"

        assert requests.get(lab_url.group(1), timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{lab_port}/api/contents",
                            params={"token": lab_url.group(2)}, timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{api_port}/api/tags", timeout=10).json()["tags"]
        assert "swagger-ui" in requests.get(f"http://127.0.0.1:{api_port}/api/docs",
                                            timeout=10).text
        logged = kept_log.read_text("utf-8", "replace")
        assert '"GET /api/tags" 200' in logged and "ServerApp" in logged, logged[-2000:]
        assert kept_log.stat().st_mode & 0o077 == 0, "the log holds the token: owner only"

        os.write(fd, b"\x03")  # Ctrl-C, as typed
        interrupted = True
        shown += read_until(fd, r"Stopped JupyterLab and the reference server\.", seconds=60)
    finally:
        if not interrupted:  # a check failed: stop it all the same way
            os.write(fd, b"\x03")
        status = reap(pid, seconds=60)
        os.close(fd)
        if status is None:
            for child in children:
                child.kill()
    assert status is not None, "make run must end after Ctrl-C"
    assert "Traceback" not in shown, shown
    gone = psutil.wait_procs(children, timeout=30)[1]
    assert gone == [], f"still running after Ctrl-C: {gone}"
    assert bind_error("127.0.0.1", api_port) is None and bind_error("127.0.0.1", lab_port) is None

