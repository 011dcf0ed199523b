"""``course.services``: real nginx, Apache httpd, Varnish and gunicorn, over real HTTP.

Each test skips with the install command where its program is absent; on CI, where
``.ci/run`` installs them and names ``services`` in CI_BACKENDS, it fails instead.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import psutil
import pytest
import requests

from course import sandbox, services
from server.testing import live_server

from .course_helpers import needs

STATIC_SITE = """
server {
    listen 127.0.0.1:{port};
    location /static/ { alias {folder}/static/; }
    location /api/ { proxy_pass {api}/; }
}
"""
APACHE_SITE = """
<VirtualHost 127.0.0.1:{port}>
    Alias /static/ {folder}/static/
    <Directory {folder}/static>
        Require all granted
    </Directory>
    ProxyPass /api/ {api}/
</VirtualHost>
"""
APACHE_MODULES = ["alias", "proxy", "proxy_http"]  # what APACHE_SITE uses
# Marks each answer HIT or MISS, and caches every answer of the origin for a minute, whatever
# its Cache-Control says, so that the test does not depend on the server's cache policy.
CACHE_VCL = """
sub vcl_backend_response {
    set beresp.ttl = 1m;
    return (deliver);
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
"""
GUNICORN_ENV = {"DATABASE_URL": "sqlite:///{folder}/conduit.sqlite3",
                "SECRET_KEY": "test-" + "k" * 40, "LOG_LEVEL": "WARNING"}


def installed(*names):
    """Skip (or fail on CI) unless every program in ``names`` is installed."""
    for name in names:
        try:
            services.require(name)
        except services.Missing as missing:
            needs(str(missing))


@pytest.fixture
def scratch(monkeypatch, tmp_path_factory):
    """A folder for the services' temporary folders, open to the user they run as."""
    tmp_path_factory.getbasetemp()  # made now, so that it is not made in the folder below
    folder = Path(tempfile.mkdtemp(prefix="services-test-"))
    folder.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder)


def processes(pid):
    """The process ``pid`` and everything it started, with their start times."""
    main = psutil.Process(pid)
    return {(each.pid, each.create_time()) for each in [main, *main.children(recursive=True)]}


def still_running(found):
    """Those of ``found`` (from ``processes()``) that still run."""
    alive = set()
    for pid, started in found:
        try:
            if psutil.Process(pid).create_time() == started:
                alive.add(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def write_static(folder):
    (folder / "static").mkdir()
    (folder / "static" / "hello.txt").write_text("Hello from the web server\n")


def test_fill_replaces_only_the_names_it_is_given():
    assert services.fill("server { listen {port}; root {folder}; set $x {y}; }",
                         port=8080, folder="/srv") == \
        "server { listen 8080; root /srv; set $x {y}; }"


def test_nginx_serves_a_static_file_and_proxies_to_the_reference_server(scratch):
    installed("nginx")
    with live_server() as api, services.nginx(STATIC_SITE, api=api) as web:
        write_static(web.folder)
        assert web.url == f"http://127.0.0.1:{web.port}"
        static = requests.get(f"{web.url}/static/hello.txt", timeout=10)
        assert static.status_code == 200 and static.text == "Hello from the web server\n"
        assert static.headers["Content-Type"] == "text/plain", "nginx's MIME types are loaded"
        assert static.headers["Server"].startswith("nginx"), "nginx answered, not the app"
        tags = requests.get(f"{web.url}/api/tags", timeout=10)
        assert tags.status_code == 200 and "python" in tags.json()["tags"], \
            "/api/ is proxied to the reference server"
        access = web.log("access", lines=2)
        assert '"GET /static/hello.txt HTTP/1.1" 200' in access
        assert '"GET /api/tags HTTP/1.1" 200' in access
        users = {psutil.Process(pid).uids().effective for pid, _ in processes(web.pid)}
        assert 0 not in users, "nginx runs as an unprivileged user"


def test_apache_serves_a_static_file_and_proxies_to_the_reference_server(scratch):
    installed("apache")
    with live_server() as api, services.apache(APACHE_SITE, modules=APACHE_MODULES,
                                               api=api) as web:
        write_static(web.folder)
        static = requests.get(f"{web.url}/static/hello.txt", timeout=10)
        assert static.status_code == 200 and static.text == "Hello from the web server\n"
        assert static.headers["Content-Type"].startswith("text/plain")
        assert static.headers["Server"].startswith("Apache")
        tags = requests.get(f"{web.url}/api/tags", timeout=10)
        assert tags.status_code == 200 and "python" in tags.json()["tags"]
        access = web.log("access", lines=2)
        assert '"GET /static/hello.txt HTTP/1.1" 200' in access
        assert '"GET /api/tags HTTP/1.1" 200' in access
        found = processes(web.pid)
        assert len(found) >= 2, "the event MPM runs child processes"
        assert 0 not in {psutil.Process(pid).uids().effective for pid, _ in found}


@pytest.mark.parametrize("mpm, threaded", [("prefork", False), ("event", True)])
def test_apache_runs_the_mpm_it_is_asked_for(scratch, mpm, threaded):
    installed("apache")
    site = "<VirtualHost 127.0.0.1:{port}>\n</VirtualHost>\n"
    with services.apache(site, mpm=mpm) as web:
        assert requests.get(f"{web.url}/nothing-here", timeout=10).status_code == 404
        children = psutil.Process(web.pid).children()
        assert children, "Apache answers from child processes"
        threads = [child.num_threads() for child in children]
        # prefork: one request per single-threaded process; event: many threads per process.
        assert (max(threads) > 1) == threaded, threads


@pytest.mark.parametrize("start, config, options", [
    (services.nginx, STATIC_SITE, {}),
    (services.apache, APACHE_SITE, {"modules": APACHE_MODULES}),
], ids=["nginx", "apache"])
def test_stopping_leaves_no_process_and_no_folder(scratch, start, config, options):
    installed(start.__name__)
    with live_server() as api:
        with start(config, api=api, **options) as web:
            requests.get(f"{web.url}/api/tags", timeout=10).raise_for_status()
            found = processes(web.pid)
            folder, port = web.folder, web.port
            assert folder.parent == scratch
    assert still_running(found) == set(), "the server and all its workers have stopped"
    assert not folder.exists(), "its folder is removed"
    assert list(scratch.iterdir()) == []
    assert not answers(port), "nothing listens on its port any more"


def test_a_folder_given_by_the_caller_is_kept_with_the_logs(scratch):
    installed("nginx")
    kept = scratch / "kept"
    kept.mkdir()
    with services.nginx("server { listen 127.0.0.1:{port}; return 204; }",
                        folder=kept) as web:
        assert requests.get(web.url, timeout=10).status_code == 204
        web.log("access", lines=1)
    assert '"GET / HTTP/1.1" 204' in (kept / "access.log").read_text()
    assert not (kept / "nginx.pid").exists(), "nginx removed its pid file when it quit"


def test_nginx_takes_directives_for_its_main_context(scratch):
    installed("nginx")
    with services.nginx("server { listen 127.0.0.1:{port}; return 204; }",
                        main="worker_processes 3;") as web:
        assert requests.get(web.url, timeout=10).status_code == 204
        assert len(psutil.Process(web.pid).children()) == 3, "a master and three workers"


def test_a_wrong_nginx_config_raises_config_error_with_the_line(scratch):
    installed("nginx")
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    wrong = "server {\n    listen 127.0.0.1:{port};\n    lisen 8080;\n}\n"
    with pytest.raises(services.ConfigError) as raised:
        with services.nginx(wrong):
            pytest.fail("a wrong config must not start")
    message = str(raised.value)
    assert 'unknown directive "lisen"' in message and "site.conf:3" in message, message
    assert "    3 |     lisen 8080;" in message, "the offending line is quoted"
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before
    assert list(scratch.iterdir()) == [], "its folder is removed"


def test_an_nginx_config_that_does_not_listen_on_its_port_is_refused():
    with pytest.raises(ValueError, match=r"listen 127\.0\.0\.1:\{port\};"):
        with services.nginx("server { listen 80; }"):
            pass


@pytest.mark.parametrize("program, config", [
    ("nginx", "server {\n    listen {port};\n    return 204;\n}\n"),
    ("apache", "Listen {port}\n<VirtualHost *:{port}>\n</VirtualHost>\n"),
])
def test_a_server_listening_beyond_loopback_is_stopped_and_refused(scratch, program, config):
    """The course's servers answer this machine only: one that listens on every address
    (``listen {port};``) is stopped, and the error says how to name the address."""
    installed(program)
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    start = getattr(services, program)
    with pytest.raises(services.ConfigError) as raised:
        with start(config):
            pytest.fail("a server listening on every address must not be handed out")
    message = str(raised.value)
    assert re.search(r"listens on (0\.0\.0\.0|\[::\]):\d+", message), message
    assert "127.0.0.1:{port}" in message, "it says how to listen on this machine only"
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before, \
        "the server was stopped"
    assert list(scratch.iterdir()) == [], "its folder is removed"


def test_a_wrong_apache_config_raises_config_error_with_the_line(scratch):
    installed("apache")
    with pytest.raises(services.ConfigError) as raised:
        with services.apache("<VirtualHost 127.0.0.1:{port}>\n    ProxyPass / {api}/\n"
                             "</VirtualHost>\n", api="http://127.0.0.1:9"):
            pytest.fail("a wrong config must not start")
    message = str(raised.value)
    assert "Syntax error on line 2 of" in message and "site.conf" in message, message
    assert "ProxyPass" in message and "    2 |     ProxyPass / http://127.0.0.1:9/" in message, \
        "without mod_proxy loaded, ProxyPass is an unknown command, and its line is quoted"
    assert list(scratch.iterdir()) == []


def test_varnish_misses_then_hits_and_a_ban_makes_it_miss_again(scratch):
    installed("varnishd", "varnishadm")
    with live_server() as api:
        origin = api.removesuffix("/api")
        with services.varnish(origin, CACHE_VCL) as cdn:
            first = requests.get(f"{cdn.url}/api/tags", timeout=10)
            second = requests.get(f"{cdn.url}/api/tags", timeout=10)
            assert first.status_code == second.status_code == 200
            assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
            assert second.json() == first.json()
            assert "Varnish" in second.headers["Via"]
            cdn.ban("req.url ~ ^/api/tags")
            assert requests.get(f"{cdn.url}/api/tags", timeout=10).headers["X-Cache"] == "MISS"
            found, folder = processes(cdn.pid), cdn.folder
    assert still_running(found) == set() and not folder.exists()


def test_a_wrong_vcl_raises_config_error_with_the_line(scratch):
    installed("varnishd", "varnishadm")
    wrong = "sub vcl_recv {\n    return (pass)\n}\n"
    with pytest.raises(services.ConfigError) as raised:
        with services.varnish("http://127.0.0.1:9", wrong):
            pytest.fail("a wrong VCL must not start")
    message = str(raised.value)
    assert "Expected ';'" in message and "site.vcl' Line 3" in message, message
    assert list(scratch.iterdir()) == []


def test_gunicorn_serves_the_reference_server_with_two_workers(scratch):
    with services.gunicorn("server.wsgi:app", workers=2, env=GUNICORN_ENV) as app:
        workers = psutil.Process(app.pid).children()
        assert len(workers) == 2, "one master and two worker processes"
        assert requests.get(f"{app.url}/healthz", timeout=10).json() == {"status": "ok"}
        tags = requests.get(f"{app.url}/api/tags", timeout=10)
        assert tags.status_code == 200 and tags.json() == {"tags": []}
        assert (app.folder / "conduit.sqlite3").is_file(), "{folder} in env is its folder"
        assert '"GET /api/tags HTTP/1.1" 200' in app.log("access", lines=2)
        found, folder = processes(app.pid), app.folder
    assert still_running(found) == set() and not folder.exists()


def test_gunicorn_takes_a_factory_call_and_a_threaded_worker(scratch):
    with services.gunicorn("server.app:create_app()", workers=1, threads=4,
                           worker_class="gthread", env=GUNICORN_ENV) as app:
        assert len(psutil.Process(app.pid).children()) == 1
        assert requests.get(f"{app.url}/api/tags", timeout=10).status_code == 200
        assert "Using worker: gthread" in app.log("error")


def test_gunicorn_imports_from_the_callers_folder_and_writes_only_in_its_own(
        scratch, tmp_path, monkeypatch):
    (tmp_path / "hello.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'hello from a module of this folder']\n")
    monkeypatch.chdir(tmp_path)
    with services.gunicorn("hello:app", workers=1) as app:
        assert requests.get(app.url, timeout=10).text == "hello from a module of this folder"
    with services.gunicorn("server.wsgi:app", workers=1) as app:  # its default settings
        assert requests.get(f"{app.url}/api/tags", timeout=10).status_code == 200
        assert (app.folder / "var" / "conduit.sqlite3").is_file()
    assert not (tmp_path / "var").exists(), \
        "the reference server's var/ is made in the service's folder, not the caller's"


def test_an_app_that_does_not_import_raises_config_error(scratch):
    with pytest.raises(services.ConfigError, match="No module named 'server.nowhere'"):
        with services.gunicorn("server.nowhere:app"):
            pytest.fail("an app that does not import must not be served")
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("start, package, brew", [
    (lambda: services.nginx("server { listen 127.0.0.1:{port}; }"), "nginx", "nginx"),
    (lambda: services.apache(""), "apache2", "httpd"),
    (lambda: services.varnish("http://127.0.0.1:9"), "varnish", "varnish"),
], ids=["nginx", "apache", "varnish"])
def test_a_program_not_installed_raises_missing_with_the_install_command(
        tmp_path, monkeypatch, start, package, brew):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: the real lookup finds nothing
    monkeypatch.setattr(services, "SYSTEM_FOLDERS", ())
    with pytest.raises(services.Missing) as raised:
        with start():
            pytest.fail("nothing can start without its program")
    assert isinstance(raised.value, unittest.SkipTest), "pytest skips a test that meets it"
    message = str(raised.value)
    assert "is not installed" in message
    assert f"sudo apt-get install {package}" in message and f"brew install {brew}" in message


def test_programs_in_sbin_are_found_without_sbin_on_path(monkeypatch):
    installed("nginx")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # an ordinary user's PATH on Debian
    assert Path(services.require("nginx")).name == "nginx"


SANDBOXED_SCRIPT = """
import contextlib, json, os, sys, urllib.request
from course import services

name = sys.argv[1]
with contextlib.ExitStack() as stack:
    origin = stack.enter_context(
        services.nginx("server { listen 127.0.0.1:{port}; return 200 inside; }"))
    if name == "nginx":
        web = origin
    elif name == "apache":
        web = stack.enter_context(services.apache(""))
        (web.folder / "htdocs" / "index.html").write_text("inside")
    else:
        web = stack.enter_context(services.varnish(origin.url))
    with urllib.request.urlopen(f"{web.url}/index.html", timeout=10) as answer:
        status, body = answer.status, answer.read().decode()
    folders = [origin.folder, web.folder]
print(json.dumps({"status": status, "body": body, "uid": os.geteuid(),
                  "folders_left": [str(folder) for folder in folders if folder.exists()]}))
"""


@pytest.mark.parametrize("name, program", [
    ("nginx", "nginx"), ("apache", "apache"), ("varnish", "varnishd")])
def test_services_start_inside_the_grading_sandbox(tmp_path, name, program):
    """The way ``course grade`` runs a kernel: in bubblewrap with loopback only, as an
    unprivileged user, under the kernel's limits on memory, processes and file size."""
    installed("nginx", program)
    found = sandbox.probe()
    if not found.bwrap:
        reason = f"no sandbox on this machine: {found.warning}"
        if os.environ.get("CI") and "sandbox" in os.environ.get("CI_BACKENDS", "").split(","):
            pytest.fail(reason)
        pytest.skip(reason)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    if found.setpriv:
        os.chown(tmp, sandbox.FIRST_UID, sandbox.FIRST_UID)
    binds = sandbox.package_binds(("server", "course"))
    for key, value in {"HOME": "/tmp", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                       "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}.items():
        binds += ["--setenv", key, value]
    command = sandbox.sandbox_command(found.bwrap, found.setpriv, sandbox.FIRST_UID, tmp,
                                      [*binds, "--chdir", "/tmp"])
    # The limits a grading kernel runs under, inherited by all it starts.
    limits = {"RLIMIT_AS": sandbox.MEMORY_BYTES, "RLIMIT_CPU": sandbox.CPU_SECONDS,
              "RLIMIT_FSIZE": sandbox.FILE_BYTES, "RLIMIT_NPROC": sandbox.PROCESSES}
    limited = [sys.executable, "-c", sandbox.LIMITER, json.dumps(limits), sys.executable]
    done = subprocess.run([*command, *limited, "-c", SANDBOXED_SCRIPT, name],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"status": 200, "body": "inside", "uid": result["uid"],
                      "folders_left": []}
    assert result["uid"] != 0, f"{name} ran as an unprivileged user"
    # A checkout under /tmp has its packages bound there: the folders bwrap makes to mount
    # them on are the sandbox's own, not something a service left behind.
    mount_points = {folder for argument in binds if argument.startswith("/tmp/")
                    for folder in [tmp / Path(argument).relative_to("/tmp"),
                                   *(tmp / Path(argument).relative_to("/tmp")).parents]}
    left = [path for path in tmp.rglob("*") if path not in mount_points]
    assert left == [], "nothing is left in the sandbox's /tmp"


def test_a_server_that_cannot_start_raises_with_its_log_and_leaves_nothing(scratch):
    installed("nginx")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        site = ("server { listen 127.0.0.1:{port}; }\n"
                "server { listen 127.0.0.1:{busy}; }\n")
        with pytest.raises(services.ServiceError) as raised:
            with services.nginx(site, busy=busy):
                pytest.fail("nginx cannot listen on a port in use")
    message = str(raised.value)
    assert not isinstance(raised.value, services.ConfigError), "the config itself was right"
    assert f"bind() to 127.0.0.1:{busy} failed" in message and "in use" in message, message
    assert list(scratch.iterdir()) == []
