"""``python -m server``: commands tested in-process, by their output and exit code."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from course.services import free_port
from server.__main__ import main
from server.config import ConfigError, load_config


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Run commands in an empty folder, with the cheap test hashing and no inherited URL."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ARGON2_MEMORY_KIB", "1024")
    return tmp_path


def test_help_lists_every_command_and_setting(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--help"])
    assert exit.value.code == 0
    shown = capsys.readouterr().out
    for word in ("run", "seed", "initdb", "production", "DATABASE_URL", "SECRET_KEY"):
        assert word in shown, f"--help must mention {word}"


def test_seed_fills_an_empty_database_once(workdir, capsys):
    main(["seed", "--users", "3", "--articles", "4"])
    assert "Added 3 users" in capsys.readouterr().out
    assert (workdir / "var" / "conduit.sqlite3").exists(), "the default database is var/"
    main(["seed"])
    assert "already has data; left as it is" in capsys.readouterr().out, \
        "seeding twice must not duplicate or destroy data"
    main(["seed", "--reset", "--users", "2", "--articles", "1"])
    assert "Added 2 users" in capsys.readouterr().out


def test_seed_is_deterministic(workdir, monkeypatch, capsys):
    from server.models import Article, Comment, Favorite
    from server.database import db, open_database

    summaries = []
    for name in ("a", "b"):
        url = f"sqlite:///{workdir / name}.sqlite3"
        monkeypatch.setenv("DATABASE_URL", url)
        main(["seed"])
        database = open_database(url)
        with db.bound_to(database), database.connection_context():
            summaries.append((
                [(a.slug, a.author.username, a.created_at) for a in Article.select()],
                [(c.body, c.author.username) for c in Comment.select()],
                [(f.user.username, f.article.slug) for f in Favorite.select()]))
    assert summaries[0] == summaries[1], "two seeded databases must hold the same data"


def test_bad_arguments_say_what_is_wrong(workdir, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["seed", "--users", "0"])
    assert exit.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_production_refuses_to_start_without_a_secret_key(workdir, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["production"])
    assert exit.value.code == 2
    assert "SECRET_KEY is not set" in capsys.readouterr().err


def test_bad_setting_says_which_and_how_to_fix(monkeypatch):
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "a week")
    with pytest.raises(ConfigError, match="TOKEN_TTL_SECONDS='a week' is not a valid int"):
        load_config()
    with pytest.raises(ConfigError, match="unknown setting"):
        load_config({"DATABSE_URL": "sqlite:///x"})


def test_development_secret_key_is_kept_between_starts(workdir):
    first, second = load_config()["SECRET_KEY"], load_config()["SECRET_KEY"]
    assert len(first) >= 32 and first == second, "the generated key must be kept in var/"
    assert (workdir / "var" / "secret_key").stat().st_mode & 0o077 == 0, "readable by owner only"


def wait_for(url, seconds=30):
    """The first answer from ``url``, polling until the server listens."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            assert time.monotonic() < deadline, f"{url} must answer within {seconds} s"
            time.sleep(0.2)


def hear_ctrl_c():
    """In the child: take SIGINT as Ctrl-C. A shell starts a background job with SIGINT
    ignored, and the child of a suite run that way would otherwise never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_run_serves_until_interrupted(workdir):
    """The real command in a child process: it answers over HTTP, then stops on SIGINT."""
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "server", "run", "--port", str(port)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             preexec_fn=hear_ctrl_c)
    try:
        answer = wait_for(f"http://127.0.0.1:{port}/api/tags")
        assert answer.status_code == 200 and answer.json() == {"tags": []}
    finally:
        child.send_signal(signal.SIGINT)
        output, _ = child.communicate(timeout=30)
    assert child.returncode == 0, output
    assert f"http://127.0.0.1:{port}/api" in output, "it says where it listens"
    assert '"GET /api/tags" 200' in output, "one access-log line per request"


def test_production_serves_with_several_worker_processes(workdir, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "production-test-" + "s" * 40)
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "server", "production", "--workers", "2",
                              "--port", str(port)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/readyz").json()["status"] == "ready"
        deadline = time.monotonic() + 30
        while len(workers := children_of(child.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2, "gunicorn must run the requested two worker processes"
    finally:
        child.send_signal(signal.SIGTERM)
        output, _ = child.communicate(timeout=30)
    assert child.returncode == 0, output
    assert "Booting worker" in output, output


def children_of(pid):
    """The ids of the processes whose parent is ``pid``, read from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):  # the process ended while we looked
            continue
        if parent == str(pid):
            children.append(stat.parent.name)
    return children
