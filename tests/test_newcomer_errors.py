"""The errors a newcomer meets first, through the real commands, as a person would see them.

A port already in use, a DATABASE_URL that names no database, a database server that does not
answer, JupyterLab's port taken, a SECRET_KEY too short for production: each must end the
command with one "Cause: ... Fix: ..." message, a non-zero exit and no traceback (unless
``--debug``), and the fix must name the form that works from where the person started:
``python -m server run --port``, ``course serve --port``, ``make run API_PORT=``...
"""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from course.services import free_port
from server.config import MIN_SECRET_KEY_BYTES, ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]
# What the person's environment might hold that would change these commands' answers.
INHERITED = ("DATABASE_URL", "SECRET_KEY", "CONDUIT_ENV", "COURSE_STARTED_BY",
             "CONDUIT_PORT_FIX", "API_PORT", "LAB_PORT", "MAKEFLAGS", "MAKELEVEL")


def quiet_env(tmp_path, **extra):
    """An environment for a command: a database of its own in ``tmp_path``, a long key, cheap
    hashing, and none of the settings above inherited."""
    env = {key: value for key, value in os.environ.items() if key not in INHERITED}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'conduit.sqlite3'}",
                "SECRET_KEY": "newcomer-test-" + "k" * 40, "ARGON2_MEMORY_KIB": "1024",
                "PYTHONUNBUFFERED": "1", **extra})
    return env


@pytest.fixture
def busy_port():
    """A port on 127.0.0.1 that this process listens on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def run(command, tmp_path, cwd=None, timeout=120, **env):
    """Run ``command`` to its end; its exit code and everything it printed, both streams."""
    result = subprocess.run(command, cwd=cwd or tmp_path, env=quiet_env(tmp_path, **env),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return result.returncode, result.stdout


def server(*args):
    return [sys.executable, "-m", "server", *args]


def course(*args):
    return [sys.executable, "-m", "course", *args]


def make(*args):
    """``make`` on the course, running what is installed (-o: never installing)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed: apt-get install make")
    if not (ROOT / ".venv" / "bin" / "course").exists():
        pytest.skip(f"{ROOT / '.venv' / 'bin' / 'course'} is missing: run make install")
    return ["make", "-C", str(ROOT), "-o", ".venv/.installed", *args]


def assert_explained(code, output, *expected):
    """One Cause and Fix, a non-zero exit, no traceback, and each of ``expected`` shown."""
    assert code != 0, output
    assert "Traceback" not in output, output
    assert output.count("Cause:") == 1 and output.count("Fix:") == 1, output
    assert output.index("Cause:") < output.index("Fix:"), output
    for text in expected:
        assert text in output, f"{text!r} must be shown; got:\n{output}"


# --- a port in use ------------------------------------------------------------------------------


def test_server_run_on_a_port_in_use(tmp_path, busy_port):
    code, output = run(server("run", "--port", str(busy_port)), tmp_path)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1", f"process {os.getpid()}",
                     f"kill {os.getpid()}", "python -m server run --port ")
    assert "Conduit API on" not in output, "the banner is printed only once the port is bound"


def test_a_server_started_by_a_launcher_names_the_launchers_form(tmp_path, busy_port):
    """The launcher says, in CONDUIT_PORT_FIX, how its user picks another port."""
    code, output = run(server("run", "--port", str(busy_port)), tmp_path,
                       CONDUIT_PORT_FIX="make run API_PORT={port}")
    assert_explained(code, output, "make run API_PORT=")
    assert "--port" not in output


@pytest.mark.parametrize("command, fix", [
    (["serve", "--port", "{busy}"], "course serve --port "),
    (["run", "--api-port", "{busy}", "--lab-port", "{free}", "--no-browser"],
     "course run --api-port "),
    (["run", "--lab-port", "{busy}", "--api-port", "{free}", "--no-browser"],
     "course run --lab-port "),
    (["lab", "--port", "{busy}", "--no-browser"], "course lab --port "),
    (["site", "--serve", "--port", "{busy}"], "course site --port "),
])
def test_course_on_a_port_in_use(tmp_path, busy_port, command, fix):
    args = [arg.format(busy=busy_port, free=free_port()) for arg in command]
    code, output = run(course(*args), tmp_path, cwd=ROOT)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1", fix)
    for started in ("Conduit API on", "Jupyter Server", "The course is running"):
        assert started not in output, "nothing starts when a port is taken"


@pytest.mark.parametrize("target, variable", [("run", "API_PORT"), ("run", "LAB_PORT"),
                                              ("serve", "API_PORT"), ("lab", "LAB_PORT")])
def test_make_on_a_port_in_use_names_makes_variable(tmp_path, busy_port, target, variable):
    other = "LAB_PORT" if variable == "API_PORT" else "API_PORT"
    code, output = run(make(target, f"{variable}={busy_port}", f"{other}={free_port()}",
                            "NO_BROWSER=1"), tmp_path)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1",
                     f"make {target} {variable}=")
    assert "--port" not in output and "--api-port" not in output


def test_make_site_on_a_port_in_use_names_makes_variable(tmp_path, busy_port):
    code, output = run(make("site", "SERVE=1", f"SITE_PORT={busy_port}"), tmp_path)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1", "make site SITE_PORT=")
    assert "--port" not in output and "Staging" not in output


def test_both_ports_in_use_are_named_in_one_message(tmp_path, busy_port):
    with socket.socket() as second:
        second.bind(("127.0.0.1", 0))
        second.listen()
        lab = second.getsockname()[1]
        code, output = run(make("run", f"API_PORT={busy_port}", f"LAB_PORT={lab}",
                                "NO_BROWSER=1"), tmp_path)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1 (the reference server)",
                     f"port {lab} on 127.0.0.1 (JupyterLab)", "make run API_PORT=")
    assert output.count(f"kill {os.getpid()}") == 1 and " LAB_PORT=" in output, output


# --- DATABASE_URL -------------------------------------------------------------------------------

SCHEMES_SHOWN = ("sqlite:///", "postgresql://", "mysql://", "unset DATABASE_URL")


@pytest.mark.parametrize("command", [server("run"), server("seed"), server("initdb"),
                                     course("serve"), course("run", "--no-browser")],
                         ids=["server run", "server seed", "server initdb", "course serve",
                              "course run"])
def test_a_database_url_that_names_no_database(tmp_path, command):
    code, output = run(command, tmp_path, cwd=ROOT if "course" in command else None,
                       DATABASE_URL="garbage")
    assert_explained(code, output, "DATABASE_URL='garbage'", *SCHEMES_SHOWN)
    assert "--reset" not in output, "no advice to reset a database that was never reached"


def test_a_password_in_database_url_is_never_shown(tmp_path):
    code, output = run(server("run"), tmp_path, DATABASE_URL="mongodb://conduit:s3cret@db/x")
    assert_explained(code, output, "mongodb://conduit:***@db/x")
    assert "s3cret" not in output


@pytest.mark.parametrize("scheme, kind", [("postgresql", "PostgreSQL"), ("mysql", "MySQL")])
@pytest.mark.parametrize("where", ["server", "course"])
def test_a_database_server_that_does_not_answer(tmp_path, scheme, kind, where):
    port = free_port()  # nothing listens there
    command = server("run") if where == "server" else course("serve")
    code, output = run(command, tmp_path, cwd=ROOT if where == "course" else None,
                       DATABASE_URL=f"{scheme}://conduit:pw@127.0.0.1:{port}/conduit")
    assert_explained(code, output, f"no {kind} server answers at 127.0.0.1:{port}",
                     f"start the {kind} server", "unset DATABASE_URL to use SQLite")
    assert "pw@" not in output


# --- SECRET_KEY in production -------------------------------------------------------------------


@pytest.mark.parametrize("command", [["production"], ["run"]])
def test_a_short_secret_key_is_refused_in_production(tmp_path, command):
    code, output = run(server(*command), tmp_path, SECRET_KEY="short", CONDUIT_ENV="production")
    assert_explained(code, output, "SECRET_KEY is 5 bytes long",
                     f"at least {MIN_SECRET_KEY_BYTES}", "secrets.token_urlsafe(48)")
    assert "short" not in output.replace("shorter", ""), "the key itself is never shown"
    assert "Starting:" not in output and "Conduit API on" not in output


def test_the_shortest_accepted_key_is_the_hash_length():
    production = {"CONDUIT_ENV": "production"}
    with pytest.raises(ConfigError, match="31 bytes long"):
        load_config({**production, "SECRET_KEY": "k" * (MIN_SECRET_KEY_BYTES - 1)}, environ={})
    key = "k" * MIN_SECRET_KEY_BYTES
    assert load_config({**production, "SECRET_KEY": key}, environ={})["SECRET_KEY"] == key
    assert load_config({"SECRET_KEY": "short"}, environ={})["SECRET_KEY"] == "short", \
        "development takes any key it is given"


# --- --debug ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [server("--debug", "run"), server("run", "--debug"),
                                     course("serve", "--debug")],
                         ids=["server --debug run", "server run --debug", "course serve --debug"])
def test_debug_shows_the_traceback_as_well(tmp_path, command):
    code, output = run(command, tmp_path, cwd=ROOT if "course" in command else None,
                       DATABASE_URL="garbage")
    assert code != 0
    assert "Traceback" in output and "ConfigError" in output, output
    assert "Cause: DATABASE_URL='garbage'" in output
