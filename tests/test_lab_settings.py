"""JupyterLab as ``course lab`` starts it shows learners no instructor panels of nbgrader.

A real Jupyter server is started with the course's settings (``course/jupyter/``, as
``course lab`` passes them), and the page it serves is read: its configuration must disable
nbgrader's instructor and exchange plugins ("Create Assignment", the nbgrader menu, the
formgrader, assignment and course lists) and keep Validate. The plugin ids are checked against
the installed nbgrader extension, so a renamed plugin cannot slip through.
"""

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import requests

from course.launch import JUPYTER_SETTINGS, child_env
from course.services import free_port

from .course_helpers import REPO

HIDDEN = {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:menu",
          "@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:assignment-list",
          "@jupyter/nbgrader:course-list"}
KEPT = "@jupyter/nbgrader:validate-assignment"


def nbgrader_plugins():
    """The plugin ids nbgrader's installed JupyterLab extension declares."""
    static = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
    text = "".join(path.read_text(errors="replace") for path in static.rglob("*.js"))
    return set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', text))


def test_the_instructor_panels_are_disabled_in_the_page_learners_get(tmp_path):
    assert HIDDEN | {KEPT} <= nbgrader_plugins(), \
        f"nbgrader's plugins are now {sorted(nbgrader_plugins())}: update course/jupyter/"
    port, token = free_port(), "course-test-token"
    log = open(tmp_path / "lab.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
         f"--ServerApp.root_dir={REPO}", "--allow-root"],
        env=child_env(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime")),
        stdout=log, stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                page = requests.get(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        assert page is not None and page.status_code == 200, \
            f"JupyterLab did not answer:\n{(tmp_path / 'lab.log').read_text()[-2000:]}"
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)'
                          r'</script>', page.text, re.S)
        assert found, "the page carries no jupyter-config-data"
        disabled = set(json.loads(found.group(1)).get("disabledExtensions", []))
        assert HIDDEN <= disabled, f"learners would see: {sorted(HIDDEN - disabled)}"
        assert KEPT not in disabled, "the Validate button must stay"
        assert (JUPYTER_SETTINGS / "labconfig" / "page_config.json").is_file()
    finally:
        server.terminate()
        server.wait(30)
        log.close()
