"""Real web servers for lessons, exercises and tests: nginx, Apache httpd, Varnish, gunicorn;
and for lesson 09 the clouds' APIs (moto, gcs, azurite), supervisord and podman.

Each one starts in a temporary folder of its own, on a free 127.0.0.1 port, without root,
and stops on leaving the ``with`` block, leaving no process and no file behind::

    from course import services

    site = '''
    server {
        listen 127.0.0.1:{port};
        location / { proxy_pass {api}; }
    }
    '''
    with services.gunicorn("server.wsgi:app") as app, services.nginx(site, api=app.url) as web:
        print(requests.get(f"{web.url}/api/tags").json())
        print(web.log("access", lines=1))

A configuration is a template: ``{port}`` (the port the service must listen on), ``{folder}``
(its temporary folder) and any name passed as a keyword (``api=...`` above) are filled in; every
other brace is left alone, so nginx blocks and VCL need no escaping. It holds only what a
lesson is about: the lines every server needs to run from a folder as an ordinary user (pid
file, logs, temporary paths, ``daemon off``) are added here. Before anything starts, the
program checks the configuration (``nginx -t``, ``apache2 -t``, ``varnishd -C``,
``gunicorn --check-config``); a wrong one raises ``ConfigError`` with the program's own error
lines, which name the line at fault. A server that listens beyond 127.0.0.1 (``listen
{port};`` in nginx listens on every network the machine is on) is stopped at once, with a
``ConfigError`` saying how to name the address.

A program that is not installed raises ``Missing``, a ``unittest.SkipTest``: pytest skips the
test, and a lesson cell catches it and prints what to install::

    try:
        with services.nginx(site) as web:
            ...
    except services.Missing as missing:
        print(missing)

When the caller is root (CI, a container), nginx, Apache and Varnish run as the user
``nobody``, who is given their folder: Apache refuses to run as root, and no server needs it
on a port above 1024. gunicorn runs the caller's own Python and code, which ``nobody`` may not
be able to read, so it runs as the caller.
"""

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import psutil

HOST = "127.0.0.1"
START_SECONDS = 20  # how long a service may take to answer on its port
STOP_SECONDS = 10  # how long it may take to stop when asked, before it is killed
CHECK_SECONDS = 60  # how long a configuration check may take
# Where Debian and Red Hat put servers, and which an ordinary user's PATH often leaves out.
SYSTEM_FOLDERS = ("/usr/local/sbin", "/usr/sbin", "/sbin")
# Where Apache's modules are: Debian and Ubuntu, Red Hat, Homebrew on Apple and on Intel Macs.
APACHE_MODULE_FOLDERS = ("/usr/lib/apache2/modules", "/usr/lib64/httpd/modules",
                         "/usr/lib/httpd/modules", "/opt/homebrew/lib/httpd/modules",
                         "/usr/local/lib/httpd/modules")
# Loaded in every Apache: an MPM is added by ``apache(mpm=...)``. ``log_config`` is built in.
APACHE_MODULES = ("authz_core", "mime", "dir")
APACHE_MPMS = ("event", "worker", "prefork")
APACHE_MIME_TYPES = ("/etc/mime.types", "/etc/httpd/conf/mime.types",
                     "/opt/homebrew/etc/httpd/mime.types", "/usr/local/etc/httpd/mime.types")
# Varnish's defaults do not fit in the grading sandbox's limits (course.sandbox): its shared
# log, an 80 MB file, is larger than a file may be, and its 200 threads nearly all the
# processes a learner may have. A lesson's traffic needs far less.
VARNISH_LIMITS = ("-p", "vsl_space=16m", "-p", "thread_pools=1", "-p", "thread_pool_min=10",
                  "-p", "thread_pool_max=100")
NGINX_MIME_TYPES = ("/etc/nginx/mime.types", "/opt/homebrew/etc/nginx/mime.types",
                    "/usr/local/etc/nginx/mime.types")
NGINX_TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class Missing(unittest.SkipTest):
    """A program a lesson or test needs is not installed; the message says how to install it.

    A ``SkipTest``, so that pytest skips a test that meets it.
    """


class ServiceError(RuntimeError):
    """A service did not start, did not answer, or refused a command; the message says why."""


class ConfigError(ServiceError):
    """The program rejected its configuration; the message holds its error lines."""


@dataclass(frozen=True)
class Program:
    """A program this module can start, and the packages that install it."""

    what: str  # its name in a message
    commands: tuple  # the command names it may have, the most common first
    debian: str  # the package on Debian and Ubuntu
    brew: str  # the package on macOS, with Homebrew


PROGRAMS = {
    "nginx": Program("Nginx", ("nginx",), "nginx", "nginx"),
    "apache": Program("Apache httpd", ("apache2", "httpd"), "apache2", "httpd"),
    "varnishd": Program("Varnish", ("varnishd",), "varnish", "varnish"),
    "varnishadm": Program("Varnish's varnishadm", ("varnishadm",), "varnish", "varnish"),
    "git": Program("git", ("git",), "git", "git"),
}


def require(name):
    """The path of the program ``name`` (a key of ``PROGRAMS``), or raise ``Missing``.

    It is looked for on PATH, then in the system folders (``/usr/sbin``...) that an
    ordinary user's PATH often lacks, where Debian installs nginx, Apache and Varnish.
    """
    program = PROGRAMS[name]
    search = os.pathsep.join([os.environ.get("PATH", ""), *SYSTEM_FOLDERS])
    for command in program.commands:
        path = shutil.which(command, path=search)
        if path:
            return path
    where = "PATH" + (f" or in {', '.join(SYSTEM_FOLDERS)}" if SYSTEM_FOLDERS else "")
    raise Missing(f"{program.what} is not installed (no {' or '.join(program.commands)} on "
                  f"{where}). Install it: "
                  f"sudo apt-get install {program.debian} (Debian, Ubuntu) or "
                  f"brew install {program.brew} (macOS).")


def free_port(host=HOST):
    """A port nothing listens on now, chosen by the system."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def fill(template, **values):
    """``template`` with each ``{name}`` of ``values`` replaced; other braces are left alone."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


@dataclass
class Service:
    """A running service: where it answers, its folder, its process and its logs."""

    name: str
    port: int
    folder: Path
    pid: int
    error_log: Path
    access_log: Path | None = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def log(self, which="error", lines=0):
        """The text of its ``"error"`` or ``"access"`` log so far ("" when nothing is written).

        A server writes a request's line to its access log just after it answers, so it may
        not be there yet when the client has its response: with ``lines``, wait (at most
        ``START_SECONDS``) until the log holds that many lines.
        """
        path = {"error": self.error_log, "access": self.access_log}[which]
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                text = Path(path).read_text(errors="replace") if path else ""
            except FileNotFoundError:
                text = ""
            if len(text.splitlines()) >= lines or time.monotonic() > deadline:
                return text
            time.sleep(0.05)


@dataclass
class Varnish(Service):
    """A running Varnish, with its command line (``varnishadm``) at hand."""

    def admin(self, *command):
        """Run a ``varnishadm`` command (``admin("ban", "req.url ~ ^/api")``); its output."""
        done = subprocess.run([require("varnishadm"), "-n", str(self.folder / "varnish"),
                               *command], capture_output=True, text=True, timeout=CHECK_SECONDS,
                              **_as_server_user())
        if done.returncode != 0:
            raise ServiceError(f"varnishadm {' '.join(command)} failed: "
                               f"{(done.stdout + done.stderr).strip()}")
        return done.stdout

    def ban(self, expression):
        """Make every cached object matching ``expression`` stale (``"req.url ~ ^/api"``)."""
        self.admin("ban", expression)


@contextmanager
def nginx(config, main="", folder=None, **values):
    """Run nginx with ``config``: what goes inside its ``http { }`` block.

    ``config`` must listen on ``127.0.0.1:{port}``. ``main`` holds directives for the main
    context (``worker_processes 2;``, or an ``events { }`` block). Added here: ``daemon off``,
    the pid file, the error and access logs, the five temporary paths, the MIME types.
    Yields a ``Service``; ``folder`` is kept when given (it must exist), else removed.
    """
    if "{port}" not in config:
        raise ValueError("the nginx config must listen on the port it is given: "
                         "`listen 127.0.0.1:{port};` in a server block")
    program = require("nginx")
    with _workspace("nginx", folder) as place:
        port = free_port()
        values = {"port": port, "folder": place, **values}
        temp = place / "temp"
        mime = next((path for path in NGINX_MIME_TYPES if os.path.isfile(path)), None)
        (place / "site.conf").write_text(fill(config, **values))
        (place / "main.conf").write_text(fill(main, **values))
        has_events = re.search(r"^\s*events\s*\{", main, re.MULTILINE)
        (place / "nginx.conf").write_text("\n".join([
            "daemon off;",
            f"pid {place}/nginx.pid;",
            f"error_log {place}/error.log;",
            f"include {place}/main.conf;",
            "" if has_events else "events { worker_connections 256; }",
            "http {",
            f"    include {mime};" if mime else "",
            "    default_type application/octet-stream;",
            f"    access_log {place}/access.log;",
            *(f"    {name}_temp_path {temp}/{name};" for name in NGINX_TEMP_PATHS),
            f"    include {place}/site.conf;",
            "}", ""]))
        temp.mkdir(exist_ok=True)
        (place / "html").mkdir(exist_ok=True)  # nginx's default root, under its prefix
        flags = ["-p", f"{place}/", "-c", str(place / "nginx.conf"),
                 "-e", str(place / "error.log")]
        _give(place, *(place / name for name in ("site.conf", "main.conf", "nginx.conf",
                                                  "temp", "html")))
        _check("nginx", [program, "-t", *flags], place)
        # nginx writes its pid file once it listens on every port of its config (`nginx -t`
        # leaves an empty one, removed here so that its absence means "not ready yet").
        (place / "nginx.pid").unlink(missing_ok=True)
        with _supervise("nginx", [program, *flags], place, port, signal.SIGQUIT,
                        error_log=place / "error.log",
                        ready=lambda process: (place / "nginx.pid").exists()) as process:
            yield Service("nginx", port, place, process.pid, place / "error.log",
                          place / "access.log")


@contextmanager
def apache(config, modules=(), mpm="event", folder=None, **values):
    """Run Apache httpd with ``config``, the part of its configuration a lesson is about.

    ``modules`` names the modules to load besides authz_core, mime and dir (``"proxy"``,
    ``"proxy_http"``, ``"headers"``...); ``mpm`` is ``"event"``, ``"worker"`` or ``"prefork"``.
    ``{modules}`` in ``config`` is the modules' folder, for ``LoadModule`` lines of its own.
    Added here: ``Listen 127.0.0.1:{port}`` (unless ``config`` has a ``Listen``), the pid
    file, the runtime folder, the error and access logs, a document root in the folder.
    Yields a ``Service``; ``folder`` is kept when given (it must exist), else removed.
    """
    if mpm not in APACHE_MPMS:
        raise ValueError(f"mpm must be one of {', '.join(APACHE_MPMS)}, not {mpm!r}")
    program = require("apache")
    module_folder = next((path for path in APACHE_MODULE_FOLDERS
                          if os.path.isfile(f"{path}/mod_mpm_{mpm}.so")), None)
    if module_folder is None:
        raise Missing(f"Apache's modules were not found (mod_mpm_{mpm}.so in none of "
                      f"{', '.join(APACHE_MODULE_FOLDERS)}). Install them: sudo apt-get "
                      "install apache2 (Debian, Ubuntu) or brew install httpd (macOS).")
    with _workspace("apache", folder) as place:
        port = free_port()
        values = {"port": port, "folder": place, "modules": module_folder, **values}
        site = fill(config, **values)
        names = dict.fromkeys([f"mpm_{mpm}", *APACHE_MODULES, *modules])
        loaded = [f"LoadModule {name}_module {module_folder}/mod_{name}.so" for name in names]
        listens = re.search(r"^\s*Listen\s", site, re.MULTILINE | re.IGNORECASE)
        mime = next((path for path in APACHE_MIME_TYPES if os.path.isfile(path)), None)
        if mime is None:  # mod_mime will not start without one: an empty list will do
            mime = place / "mime.types"
            mime.write_text("")
        (place / "site.conf").write_text(site)
        (place / "httpd.conf").write_text("\n".join([
            f"ServerName {HOST}",
            f"PidFile {place}/httpd.pid",
            f"DefaultRuntimeDir {place}/run",
            f"ErrorLog {place}/error.log",
            'LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\"" '
            "combined",
            f"CustomLog {place}/access.log combined",
            *loaded,
            f"TypesConfig {mime}",
            f"DocumentRoot {place}/htdocs",
            "" if listens else f"Listen {HOST}:{port}",
            f"Include {place}/site.conf", ""]))
        (place / "run").mkdir(exist_ok=True)
        (place / "htdocs").mkdir(exist_ok=True)
        flags = ["-f", str(place / "httpd.conf"), "-d", str(place)]
        _give(place, *(place / name for name in ("site.conf", "httpd.conf", "run", "htdocs")),
              *place.glob("mime.types"))
        _check("apache", [program, "-t", *flags], place)
        with _supervise("apache", [program, "-DFOREGROUND", *flags], place, port,
                        signal.SIGTERM, error_log=place / "error.log",
                        ready=lambda process: (place / "httpd.pid").exists()) as process:
            yield Service("apache", port, place, process.pid, place / "error.log",
                          place / "access.log")


@contextmanager
def varnish(origin_url, vcl=None, memory="16m", folder=None, **values):
    """Run Varnish as a cache in front of ``origin_url`` (``http://127.0.0.1:PORT``).

    ``vcl``, when given, holds subroutines (``sub vcl_recv { ... }``, ``sub vcl_backend_response
    { ... }``): ``vcl 4.1;`` and the backend ``default``, the origin, are put before it. A VCL
    that starts with ``vcl`` is taken whole instead, ``{origin_host}`` and ``{origin_port}``
    filled in. Yields a ``Varnish``, whose ``ban()`` and ``admin()`` drive the running cache.
    """
    program = require("varnishd")
    require("varnishadm")
    origin = re.fullmatch(r"https?://([^/:]+):(\d+)/?", origin_url)
    if origin is None:
        raise ValueError(f"the origin must be a URL like http://127.0.0.1:8000, not "
                         f"{origin_url!r}")
    with _workspace("varnish", folder) as place:
        port = free_port()
        values = {"port": port, "folder": place, "origin_host": origin[1],
                  "origin_port": origin[2], **values}
        source = fill(vcl or "", **values)
        if source.lstrip().startswith("vcl"):
            (place / "default.vcl").write_text(source)
        else:
            (place / "site.vcl").write_text(source)
            (place / "default.vcl").write_text(
                f'vcl 4.1;\nbackend default {{ .host = "{origin[1]}"; .port = "{origin[2]}"; }}\n'
                f'include "{place}/site.vcl";\n')
        flags = ["-n", str(place / "varnish"), "-f", str(place / "default.vcl")]
        _give(place, *place.glob("*.vcl"))
        _check("varnish", [program, "-C", *flags], place)
        command = [program, "-F", *flags, "-a", f"{HOST}:{port}", "-T", f"{HOST}:0",
                   "-s", f"malloc,{memory}", "-P", str(place / "varnishd.pid"),
                   *VARNISH_LIMITS]
        with _supervise("varnish", command, place, port, signal.SIGTERM,
                        error_log=place / "output.log") as process:
            yield Varnish("varnish", port, place, process.pid, place / "output.log")


@contextmanager
def gunicorn(app, workers=2, threads=1, worker_class="sync", env=None, args=(), folder=None,
             upgradable=False):
    """Serve the WSGI ``app`` with gunicorn: ``"server.wsgi:app"``, or a factory call such as
    ``"server.app:create_app()"``, imported from the current folder or the installed packages.
    It runs in the service's folder, so what it writes to relative paths is removed with it
    (the reference server's default ``var/conduit.sqlite3`` and ``var/secret_key``).

    ``env`` adds environment variables (``{folder}`` in a value is the service's folder:
    ``{"DATABASE_URL": "sqlite:///{folder}/conduit.sqlite3"}``); ``args`` adds gunicorn flags.
    The app is imported once first (``--check-config``): an app that fails to import raises
    ``ConfigError`` with the end of its traceback. Yields a ``Service`` once the port answers
    and all the workers have started (a first request may still wait for one to import the app).

    ``upgradable=True`` runs the ``gunicorn`` command installed beside this Python instead of
    ``python -m gunicorn``, so that a binary upgrade (``SIGUSR2``) works: the new master runs
    its first command line again, and ``python -m gunicorn`` comes back as ``python
    .../gunicorn/__main__.py``, whose folder's ``http`` package hides the standard library's.
    """
    if find_spec("gunicorn") is None:
        raise Missing(f"gunicorn is not installed in this Python ({sys.executable}). Install "
                      "it: pip install gunicorn (the course's `make install` does).")
    with _workspace("gunicorn", folder) as place:
        port = free_port()
        start = ([str(Path(sys.executable).parent / "gunicorn")] if upgradable
                 else [sys.executable, "-m", "gunicorn"])
        command = [*start, "--bind", f"{HOST}:{port}",
                   "--workers", str(workers), "--threads", str(threads),
                   "--worker-class", worker_class, "--pid", str(place / "gunicorn.pid"),
                   "--error-logfile", str(place / "error.log"),
                   "--access-logfile", str(place / "access.log"),
                   "--worker-tmp-dir", str(place), "--graceful-timeout", str(STOP_SECONDS // 2),
                   *args, app]
        # It imports the app from the caller's folder, and keeps a control socket under HOME.
        imports = os.pathsep.join(filter(None, [os.getcwd(), os.environ.get("PYTHONPATH")]))
        environment = {**os.environ, "HOME": str(place), "PYTHONPATH": imports,
                       **{key: fill(value, folder=place) for key, value in (env or {}).items()}}
        _check("gunicorn", [*command[:-1], "--check-config", app], place, env=environment,
               as_caller=True)
        with _supervise("gunicorn", command, place, port, signal.SIGTERM,
                        error_log=place / "error.log", env=environment, as_caller=True,
                        ready=lambda process: _children(process) >= workers) as process:
            yield Service("gunicorn", port, place, process.pid, place / "error.log",
                          place / "access.log")


# Lesson 09: the clouds' APIs on this machine, a process manager, and containers.

AZURITE_INSTALL = "npm install -g azurite@3.37.0"
# Flags that let podman run containers as an ordinary user with no range of subordinate user
# ids, and without systemd: every image, layer and container is kept in the service's folder.
PODMAN_FLAGS = ("--storage-driver", "vfs", "--storage-opt", "vfs.ignore_chown_errors=true",
                "--cgroup-manager", "cgroupfs", "--runtime", "runc", "--events-backend", "file")


def python_program(name, package, pip_name):
    """The path of the command ``name`` that the Python package ``package`` installs beside
    this Python, or raise ``Missing`` saying how to install it."""
    beside = Path(sys.executable).parent / name
    path = str(beside) if beside.exists() else shutil.which(name)
    if find_spec(package) is None or path is None:
        raise Missing(f"{name} is not installed in this Python ({sys.executable}). Install "
                      f"it: pip install '{pip_name}' (the course's `make install` does).")
    return path


@contextmanager
def moto(folder=None):
    """Run ``moto_server``: Amazon Web Services' APIs (S3, SQS, EC2...) on 127.0.0.1, in memory.

    Yields a ``Service``; give its ``url`` to boto3 as ``endpoint_url``, with any key.
    """
    program = python_program("moto_server", "moto", "moto[server]")
    with _workspace("moto", folder) as place:
        port = free_port()
        with _supervise("moto", [program, "-H", HOST, "-p", str(port)], place, port,
                        signal.SIGTERM, error_log=place / "output.log",
                        env=_cloud_environment(place), as_caller=True) as process:
            yield Service("moto", port, place, process.pid, place / "output.log")


@contextmanager
def gcs(folder=None):
    """Run ``gcp-storage-emulator``: Google Cloud Storage's JSON API on 127.0.0.1, in memory.

    Yields a ``Service``; google-cloud-storage talks to it when ``STORAGE_EMULATOR_HOST`` is
    its ``url``, with anonymous credentials.
    """
    program = python_program("gcp-storage-emulator", "gcp_storage_emulator",
                             "gcp-storage-emulator")
    with _workspace("gcs", folder) as place:
        port = free_port()
        command = [program, "start", "--host", HOST, "--port", str(port), "--in-memory"]
        with _supervise("gcs", command, place, port, signal.SIGTERM,
                        error_log=place / "output.log", env=_cloud_environment(place),
                        as_caller=True) as process:
            yield Service("gcs", port, place, process.pid, place / "output.log")


@contextmanager
def azurite(folder=None):
    """Run Azurite's Blob service: Azure Blob Storage's API on 127.0.0.1, its data in the folder.

    Azurite comes from npm, not PyPI: without ``azurite-blob`` on PATH this raises ``Missing``.
    Yields a ``Service``; its ``connection_string`` is what azure-storage-blob needs.
    """
    program = shutil.which("azurite-blob")
    if program is None:
        raise Missing(f"Azurite is not installed (no azurite-blob on PATH). Install it with "
                      f"Node.js's npm: {AZURITE_INSTALL}")
    with _workspace("azurite", folder) as place:
        port = free_port()
        # azure-storage-blob asks for a newer API version than Azurite knows; it works anyway.
        command = [program, "--location", str(place / "data"), "--blobHost", HOST,
                   "--blobPort", str(port), "--skipApiVersionCheck", "--silent"]
        with _supervise("azurite", command, place, port, signal.SIGTERM,
                        error_log=place / "output.log", env={**os.environ, "HOME": str(place)},
                        as_caller=True) as process:
            yield Azurite("azurite", port, place, process.pid, place / "output.log")


# The account every Azurite has: its name and key are published in Azurite's documentation.
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = ("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/"
               "KBHBeksoGMGw==")


@dataclass
class Azurite(Service):
    """A running Azurite, with the connection string of its development account."""

    @property
    def connection_string(self):
        return (f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};"
                f"AccountKey={AZURITE_KEY};BlobEndpoint={self.url}/{AZURITE_ACCOUNT};")


def _cloud_environment(place):
    """The environment of an emulator: its HOME in its folder, and no real cloud credentials
    or endpoints of the caller's, so that nothing it does can reach a real account."""
    hidden = ("AWS_", "GOOGLE_", "AZURE_", "STORAGE_EMULATOR_HOST")
    return {**{key: value for key, value in os.environ.items() if not key.startswith(hidden)},
            "HOME": str(place)}


@dataclass
class Supervisor(Service):
    """A running supervisord, driven with ``supervisorctl`` through its HTTP port."""

    def ctl(self, *command):
        """Run a ``supervisorctl`` command (``ctl("status")``, ``ctl("restart", "app")``);
        its output. ``status`` exits with 3 when a program is not running: not an error."""
        program = python_program("supervisorctl", "supervisor", "supervisor")
        done = subprocess.run([program, "-s", self.url, *command], capture_output=True,
                              text=True, timeout=CHECK_SECONDS, stdin=subprocess.DEVNULL)
        if done.returncode not in (0, 3):
            raise ServiceError(f"supervisorctl {' '.join(command)} failed: "
                               f"{(done.stdout + done.stderr).strip()}")
        return done.stdout

    def program_pid(self, program):
        """The process id of ``program`` now, or None when it is not running."""
        found = re.search(r"pid (\d+)", self.ctl("status", program))
        return int(found[1]) if found else None


@contextmanager
def supervisor(programs, folder=None, **values):
    """Run supervisord, the process manager, with ``programs``: ``[program:NAME]`` sections
    of its configuration (``command=``, ``autorestart=``...), ``{folder}``, ``{port}`` and the
    ``values`` filled in. Added here: the ``[supervisord]`` section (in the foreground, its
    log and pid file in the folder), and an HTTP port on 127.0.0.1 for ``supervisorctl``.
    Yields a ``Supervisor`` once the port answers; its programs may still be starting.
    """
    program = python_program("supervisord", "supervisor", "supervisor")
    with _workspace("supervisor", folder) as place:
        port = free_port()
        (place / "supervisord.conf").write_text("\n".join([
            "[supervisord]",
            "nodaemon=true",
            f"logfile={place}/supervisord.log",
            f"pidfile={place}/supervisord.pid",
            f"childlogdir={place}",
            f"directory={place}",
            "[inet_http_server]",
            f"port={HOST}:{port}",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
            "[supervisorctl]",
            f"serverurl=http://{HOST}:{port}",
            fill(programs, port=port, folder=place, **values), ""]))
        command = [program, "-c", str(place / "supervisord.conf")]
        with _supervise("supervisord", command, place, port, signal.SIGTERM,
                        error_log=place / "supervisord.log", as_caller=True,
                        env={**os.environ, "HOME": str(place)}) as process:
            yield Supervisor("supervisord", port, place, process.pid,
                             place / "supervisord.log")


@dataclass
class Podman:
    """podman, ready to build and run containers with every image kept in its folder."""

    program: str
    folder: Path

    def run(self, *arguments, timeout=CHECK_SECONDS, check=True):
        """Run ``podman ARGUMENTS`` with this folder's storage; its completed process.

        Raises ``ServiceError`` with podman's output when it fails and ``check`` is true.
        """
        storage = ["--root", str(self.folder / "storage"), "--runroot", str(self.folder / "run")]
        done = subprocess.run([self.program, *storage, *PODMAN_FLAGS, *arguments],
                              capture_output=True, text=True, timeout=timeout,
                              cwd=self.folder, env=self.environment(),
                              stdin=subprocess.DEVNULL, **_as_server_user())
        if check and done.returncode != 0:
            raise ServiceError(f"podman {' '.join(arguments)} failed (exit status "
                               f"{done.returncode}):\n{_podman_errors(done)}")
        return done

    def context(self, name, files):
        """A build context: a folder ``name`` holding ``files`` (``{"Containerfile": text,
        "busybox": Path("/bin/busybox")}``, text or a file to copy), readable by podman."""
        place = self.folder / name
        place.mkdir()
        for file_name, content in files.items():
            if isinstance(content, Path):
                shutil.copy2(content, place / file_name)
            else:
                (place / file_name).write_text(content)
        _give(self.folder, place)
        return place

    def environment(self):
        """podman's environment: HOME, TMPDIR and its runtime folder in this folder."""
        return {**os.environ, "HOME": str(self.folder), "TMPDIR": str(self.folder / "tmp"),
                "XDG_RUNTIME_DIR": str(self.folder / "xdg")}


@contextmanager
def podman(folder=None):
    """podman, checked to run a container here without root (as the user ``nobody`` when the
    caller is root, which is how a learner's own account runs it): yields a ``Podman``.

    Raises ``Missing`` when podman is not installed, or when it is and cannot run containers
    on this machine (inside some containers, say), with podman's reason. Nothing is pulled:
    a first image is built ``FROM scratch``. Every image and container goes with the folder.
    """
    program = shutil.which("podman")
    if program is None:
        raise Missing("podman is not installed (no podman on PATH). Install it: sudo apt-get "
                      "install podman uidmap slirp4netns runc (Debian, Ubuntu) or brew install "
                      "podman (macOS).")
    with _workspace("podman", folder) as place:
        for name in ("tmp", "xdg"):
            (place / name).mkdir(exist_ok=True)
        _give(place, place / "tmp", place / "xdg")
        engine = Podman(program, place)
        try:
            engine.run("info", "--format", "{{.Host.OCIRuntime.Name}}")
        except (ServiceError, subprocess.TimeoutExpired) as error:
            raise Missing(f"podman is installed but cannot run here as an ordinary user: "
                          f"{error}") from None
        try:
            yield engine
        finally:
            # Containers and images made as another user must be removed by that user.
            engine.run("rm", "--all", "--force", check=False)
            engine.run("system", "reset", "--force", check=False)


def static_busybox():
    """The path of a statically linked busybox, which runs in an image that holds nothing
    else (``FROM scratch``); or raise ``Missing``. Debian's ``busybox`` package is linked
    to the C library, ``busybox-static`` is not."""
    for path in (shutil.which("busybox"), "/bin/busybox", "/usr/bin/busybox"):
        if path and os.path.isfile(path) and not _needs_a_loader(Path(path)):
            return Path(path)
    raise Missing("a statically linked busybox is not installed. Install it: sudo apt-get "
                  "install busybox-static (Debian, Ubuntu).")


def _needs_a_loader(path):
    """Whether the 64-bit ELF program ``path`` names a dynamic loader (a ``PT_INTERP``
    header): then it cannot run without the shared libraries it was linked with."""
    head = path.read_bytes()[:65536]
    if head[:5] != b"\x7fELF\x02":
        return True  # not a 64-bit ELF program: not one this image can run
    table, size, count = (int.from_bytes(head[offset:offset + width], "little")
                          for offset, width in ((0x20, 8), (0x36, 2), (0x38, 2)))
    kinds = (int.from_bytes(head[table + index * size:table + index * size + 4], "little")
             for index in range(count))
    return 3 in kinds  # PT_INTERP


def _podman_errors(done):
    """podman's output without its complaints that there is no systemd to time health checks
    (it runs them when asked, with ``podman healthcheck run``)."""
    lines = [line for line in (done.stdout + done.stderr).splitlines()
             if line.strip() and "systemd" not in line]
    return "\n".join(lines[-20:]) or "(no output)"


@contextmanager
def _workspace(name, folder=None):
    """The service's folder: ``folder`` when given (kept), else a new one removed on exit."""
    if folder is not None:
        yield Path(folder).resolve()
        return
    place = Path(tempfile.mkdtemp(prefix=f"{name}-")).resolve()
    try:
        yield place
    finally:
        shutil.rmtree(place, ignore_errors=True)


def _server_user():
    """``(uid, gid)`` to run servers as when the caller is root: ``nobody``'s; else None."""
    if os.geteuid() != 0:
        return None
    try:
        nobody = pwd.getpwnam("nobody")
        return nobody.pw_uid, nobody.pw_gid
    except KeyError:
        return 65534, 65534


def _as_server_user(as_caller=False):
    """Keyword arguments for ``subprocess`` that run a program as the server user."""
    user = None if as_caller else _server_user()
    return {"user": user[0], "group": user[1], "extra_groups": []} if user else {}


def _give(folder, *made):
    """Give the folder and the files and folders ``made`` in it to the server user, when that
    is not the caller, so that the server can write its pid file and logs there."""
    user = _server_user()
    if user is None:
        return
    os.chown(folder, *user)
    for path in made:
        os.chown(path, *user, follow_symlinks=False)
        for parent, folders, files in os.walk(path):
            for name in folders + files:
                os.chown(os.path.join(parent, name), *user, follow_symlinks=False)


def _check(name, command, folder, env=None, as_caller=False):
    """Run a program's configuration check; raise ``ConfigError`` with its errors if it fails."""
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder,
                          timeout=CHECK_SECONDS, stdin=subprocess.DEVNULL,
                          **_as_server_user(as_caller))
    if done.returncode != 0:
        lines = [line for line in (done.stderr + done.stdout).splitlines()
                 if line.strip() and not line.startswith("Could not delete")]
        raise ConfigError(f"{name} rejected its configuration:\n"
                          + "\n".join(_with_quoted_lines(lines[-30:])))


def _with_quoted_lines(lines):
    """Error lines, each one that names a line of a file followed by that line's text."""
    # nginx: "in /tmp/x/site.conf:3"; Apache: "on line 3 of /tmp/x/site.conf".
    place = re.compile(r"in (?P<path>/\S+):(?P<line>\d+)"
                       r"|line (?P<number>\d+) of (?P<file>/\S+?):?$")
    shown = []
    for line in lines:
        shown.append(line)
        found = place.search(line)
        if found:
            path = Path(found["path"] or found["file"])
            number = int(found["line"] or found["number"])
            try:
                text = path.read_text(errors="replace").splitlines()[number - 1]
            except (OSError, IndexError):
                continue
            shown.append(f"    {number} | {text}")
    return shown


@contextmanager
def _supervise(name, command, folder, port, stop_signal, error_log, env=None, as_caller=False,
               ready=None):
    """Start ``command``, wait until ``port`` answers (and ``ready(process)`` is true, when
    given), and stop it and all it started on exit."""
    with open(folder / "output.log", "ab") as output:
        process = subprocess.Popen(command, cwd=folder, env=env,
                                   stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                                   start_new_session=True, **_as_server_user(as_caller))
    try:
        _wait_until_answers(name, process, port, error_log, folder / "output.log", ready)
        _check_loopback_only(name, process)
        yield process
    finally:
        _stop(process, stop_signal)


def _wait_until_answers(name, process, port, error_log, output_log, ready=None):
    """Return once ``port`` accepts connections (and ``ready(process)`` is true, when given);
    raise with the end of the logs if the program stops first or the wait runs out."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            raise ServiceError(f"{name} stopped (exit status {process.returncode}) before it "
                               f"answered on port {port}:\n{_tail(error_log, output_log)}")
        if _answers(port) and (ready is None or ready(process)):
            return
        if time.monotonic() > deadline:
            raise ServiceError(f"{name} did not answer on port {port} within "
                               f"{START_SECONDS} s:\n{_tail(error_log, output_log)}")
        time.sleep(0.05)


LOOPBACK = ("127.0.0.1", "::1")


def _check_loopback_only(name, process):
    """Raise ``ConfigError`` if the service listens on any address but this machine's own:
    the course's servers are reachable from nowhere else (``listen {port};`` in nginx, or
    ``<VirtualHost *:{port}>``, would open the port to the whole network)."""
    try:
        processes = [psutil.Process(process.pid), *psutil.Process(process.pid).children(True)]
        sockets = [connection for each in processes
                   for connection in each.net_connections(kind="inet")]
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return  # gone (its failure is reported elsewhere), or not ours to inspect
    wide = sorted({_shown(connection.laddr) for connection in sockets
                   if connection.status == psutil.CONN_LISTEN
                   and connection.laddr.ip not in LOOPBACK})
    if wide:
        raise ConfigError(f"{name} listens on {', '.join(wide)}, that is on every network this "
                          f"machine is on, not only on {HOST}. Fix: name the address in each "
                          f"listening line, e.g. listen {HOST}:{{port}}; (nginx), Listen "
                          f"{HOST}:{{port}} and <VirtualHost {HOST}:{{port}}> (Apache).")


def _shown(address):
    """An (ip, port) address as it is written in a URL: ``0.0.0.0:80``, ``[::]:80``."""
    return (f"[{address.ip}]" if ":" in address.ip else address.ip) + f":{address.port}"


def _answers(port):
    """Whether something accepts connections on ``port`` now."""
    try:
        socket.create_connection((HOST, port), timeout=1).close()
    except OSError:
        return False
    return True


def _children(process):
    """How many processes ``process`` has started and not yet lost."""
    try:
        return len(psutil.Process(process.pid).children())
    except psutil.NoSuchProcess:
        return 0


def _tail(*paths, lines=20):
    """The last ``lines`` lines of the logs that exist, to explain a failure."""
    text = []
    for path in dict.fromkeys(paths):
        try:
            text += Path(path).read_text(errors="replace").splitlines()
        except OSError:
            pass
    return "\n".join(text[-lines:]) or "(nothing in its logs)"


def _stop(process, stop_signal):
    """Ask the service to stop, wait, then kill whatever is left of its process group."""
    if process.poll() is None:
        process.send_signal(stop_signal)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # workers and children, and a master that hung
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
