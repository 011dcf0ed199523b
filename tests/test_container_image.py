"""The reference server's container image: the ``Containerfile`` at the root, built with
podman, run, migrated, health-checked and stopped, as lesson 09 describes it.

A build needs a base image and the server's wheels, which come from the network. Offline they
come from ``var/container/`` (or ``CONDUIT_IMAGE_INPUTS``), which ``.ci/image-inputs`` makes
while the network is up: a Debian bookworm base with Python 3.11, and the wheels of
``server/requirements.txt``. Where podman or those inputs are missing, the build test skips
and says so; on CI, which makes them (``image`` in ``CI_BACKENDS``), it fails instead.
"""

import importlib.metadata
import json
import os
import re
import secrets
import time
import tomllib
from pathlib import Path

import pytest
import requests

from course import services
from tests.course_helpers import REPO

INPUTS = Path(os.environ.get("CONDUIT_IMAGE_INPUTS", REPO / "var" / "container"))
REQUIREMENTS = REPO / "server" / "requirements.txt"
WAIT_SECONDS = 60


def requirement_names():
    """The distributions named in server/requirements.txt, normalized (PEP 503)."""
    lines = REQUIREMENTS.read_text().splitlines()
    return {normalized(line) for line in lines if line.strip() and not line.startswith("#")}


def normalized(name):
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


def test_the_servers_requirements_are_pinned_dependencies_of_the_course():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pinned = {normalized(re.split(r"[=<>\[ ]", line)[0]) for line in project["dependencies"]}
    assert requirement_names() <= pinned, (
        f"server/requirements.txt names {sorted(requirement_names() - pinned)}, which "
        "pyproject.toml does not pin: add them to its dependencies")


def test_the_servers_requirements_cover_every_library_it_imports():
    """Every third-party module that server/ imports comes from a distribution in
    server/requirements.txt: else the image's server fails at import."""
    imported = set()
    for path in (REPO / "server").rglob("*.py"):
        imported |= set(re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", path.read_text(),
                                   re.MULTILINE))
    providers = importlib.metadata.packages_distributions()
    needed = {normalized(dist) for module in imported for dist in providers.get(module, ())
              if module != "server"}
    # imported by name, not by an import line: peewee's database drivers (for DATABASE_URL
    # postgresql:// and mysql://), and gunicorn, which `python -m server production` runs
    needed |= {"psycopg2-binary", "pymysql", "gunicorn"}
    assert needed <= requirement_names(), (
        f"server/ imports modules of {sorted(needed - requirement_names())}, which "
        "server/requirements.txt does not name: the container image would lack them")


def image_inputs():
    """The base image's tar and the wheels folder; skip (fail on CI) when they are missing."""
    base, wheels = INPUTS / "base.tar", INPUTS / "wheels"
    if base.is_file() and wheels.is_dir() and any(wheels.glob("*.whl")):
        return base, wheels
    lacking(f"no offline inputs for the image in {INPUTS} (a base.tar and wheels/): "
            "make them with .ci/image-inputs, which needs the network")


def lacking(reason):
    if os.environ.get("CI") and "image" in os.environ.get("CI_BACKENDS", "").split(","):
        pytest.fail(reason)
    pytest.skip(reason)


def answer(url):
    """The status of GET ``url``, or None while nothing answers there."""
    try:
        return requests.get(url, timeout=5).status_code
    except requests.RequestException:
        return None


def wait_until(check, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"the container did not {what} within {WAIT_SECONDS} s")


@pytest.fixture(scope="module")
def container():
    """The image built from the Containerfile and a container of it started, unmigrated, on
    a free port: ``(engine, url)``. Everything goes with podman's folder afterwards."""
    base, wheels = image_inputs()
    try:
        context = services.podman()
        engine = context.__enter__()
    except services.Missing as missing:
        lacking(str(missing))
    try:
        inputs = engine.context("inputs", {"base.tar": base})
        engine.run("import", str(inputs / "base.tar"), "localhost/conduit-base", timeout=600)
        wheelhouse = engine.context("wheels", {path.name: path for path in wheels.iterdir()})
        engine.run("build", "--format", "docker", "--network", "none",
                   "--build-arg", "BASE=localhost/conduit-base",
                   "--build-arg", "PIP_NO_INDEX=1", "--build-arg", "PIP_FIND_LINKS=/wheels",
                   "--volume", f"{wheelhouse}:/wheels:ro", "--tag", "conduit",
                   "--file", str(REPO / "Containerfile"), str(REPO), timeout=1200)
        port = services.free_port()
        engine.run("run", "--detach", "--name", "conduit", "--publish",
                   f"127.0.0.1:{port}:8000", "--env", f"SECRET_KEY={secrets.token_hex(32)}",
                   "conduit", timeout=120)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answer(f"{url}/healthz") == 200, "answer /healthz")
        yield engine, url
    finally:
        context.__exit__(None, None, None)


@pytest.mark.timeout(1800)
def test_the_image_runs_the_server_as_production_wants_it(container):
    engine, url = container
    ready = requests.get(f"{url}/readyz", timeout=5)
    assert ready.status_code == 503 and ready.json().get("pending_migrations"), (
        "in production the server must not migrate by itself: /readyz waits for "
        f"`python -m server migrate`, and said {ready.status_code} {ready.text}")
    engine.run("exec", "conduit", "python", "-m", "server", "migrate", timeout=120)
    wait_until(lambda: answer(f"{url}/readyz") == 200, "get ready once migrated")
    health = engine.run("healthcheck", "run", "conduit", check=False, timeout=60)
    assert health.returncode == 0, f"the image's HEALTHCHECK must pass: {health.stdout}"
    user = {"username": "ada", "email": "ada@example.com", "password": "a long passphrase 42"}
    created = requests.post(f"{url}/api/users", json={"user": user}, timeout=30)
    assert created.status_code == 201, created.text
    assert requests.get(f"{url}/api/articles", timeout=10).status_code == 200
    uid = engine.run("exec", "conduit", "id", "-u").stdout.strip()
    assert uid == "10001", f"the server must run as the user conduit (10001), not {uid}"
    extra = engine.run("exec", "conduit", "python", "-c", "import nbgrader", check=False)
    assert extra.returncode != 0, "the image must hold the server's libraries, not the course's"
    logs = engine.run("logs", "conduit").stdout + engine.run("logs", "conduit").stderr
    records = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    assert any("/api/articles" in json.dumps(record) for record in records), (
        f"LOG_FORMAT=json: the access log must be JSON lines:\n{logs[-2000:]}")


@pytest.mark.timeout(1800)
def test_the_container_stops_gracefully(container):
    engine, url = container
    engine.run("stop", "--time", "20", "conduit", timeout=60)
    code = engine.run("inspect", "--format", "{{.State.ExitCode}}", "conduit").stdout.strip()
    assert code == "0", f"on SIGTERM the server must finish and exit 0, not {code}"
    assert answer(f"{url}/healthz") is None, "a stopped container must not answer"
