"""The reference server's command line: ``python -m server COMMAND``.

    python -m server run                 serve the API on http://127.0.0.1:8000/api
    python -m server seed                fill an empty database with demo data
    python -m server initdb              create the tables
    python -m server migrate [--list]    apply the schema's migrations (or list them)
    python -m server production -w 4     serve with gunicorn and 4 worker processes

``run`` stops gracefully on SIGTERM or Ctrl-C: it stops accepting connections, lets the
requests it is answering finish (up to SHUTDOWN_SECONDS), then exits with code 0.

A mistake a person can fix (a port in use, a DATABASE_URL that names no database, a database
server that does not answer, a SECRET_KEY too short for production) ends the command with one
"Cause: ... Fix: ..." line and exit code 2; ``--debug`` shows the traceback too.
"""

import argparse
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from .config import ConfigError, describe, load_config, redact_url
from .database import ensure_reachable, open_database
from .listen import PORT_FIX_VARIABLE, Port, PortUnavailable, check_ports, threaded_server
from .logs import configure_logging
from .metrics import MULTIPROCESS_VARIABLE
from .migrations import applied, known_migrations, migrate, reset
from .models import MODELS
from .seed import DEMO_PASSWORD, is_empty, seed

# What a person can fix: printed as its message, without a traceback unless --debug.
EXPLAINED = (ConfigError, PortUnavailable)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
log = logging.getLogger("server")


def run(args):
    """Serve the API; the banner is printed only once the port is bound, so it is true."""
    from .app import create_app

    config = load_config()
    configure_logging(config["LOG_LEVEL"], config["LOG_FORMAT"])
    app = create_app()
    port = Port("the reference server", args.host, args.port,
                os.environ.get(PORT_FIX_VARIABLE, "python -m server run --port {port}"))
    check_ports(port)
    server = threaded_server(args.host, args.port, app, args.threads)
    try:
        server.prepare()
    except OSError as error:  # taken in the instant since the check
        raise PortUnavailable(f"Cause: the reference server cannot listen on {args.host}:"
                              f"{args.port}: {error}. Fix: choose another port: "
                              f"{port.choose.format(port=args.port + 1)}") from error
    url = f"http://{args.host}:{args.port}"
    print(f"Conduit API on {url}/api, explorer on {url}/api/docs ({args.threads} threads, "
          f"database {redact_url(app.config['DATABASE_URL'])}). Ctrl-C stops it.", flush=True)
    serve_until_stopped(server, config["SHUTDOWN_SECONDS"])


def serve_until_stopped(server, shutdown_seconds):
    """Serve until SIGTERM or SIGINT (Ctrl-C), then stop gracefully: close the listening
    socket at once, so new connections are refused (a load balancer moves on), and wait up to
    ``shutdown_seconds`` for the requests being answered to finish before closing them."""
    stop = threading.Event()
    previous = {number: signal.signal(number, lambda number, frame: stop.set())
                for number in STOP_SIGNALS}
    serving = threading.Thread(target=server.serve, name="conduit-server")
    server.shutdown_timeout = shutdown_seconds
    serving.start()
    try:
        while not stop.wait(0.5):
            if not serving.is_alive():  # the server ended by itself, its error printed
                return
        log.info("stopping: no new connections; finishing the requests in flight "
                 "(up to %s s)", shutdown_seconds)
    finally:
        server.stop()
        serving.join()
        for number, handler in previous.items():
            signal.signal(number, handler)
    log.info("stopped")


def production(args):
    """Replace this process with gunicorn serving ``server.wsgi:app`` on several workers."""
    environ = {**os.environ, "CONDUIT_ENV": "production"}
    config = load_config(environ=environ)
    # Fail here, with one clear message, rather than in every worker with a traceback.
    database = reachable_database(config)
    if args.migrate:  # once, here, before any worker starts
        apply_migrations(database)
    database.close()
    check_ports(Port("the reference server", args.host, args.port,
                     "python -m server production --port {port}"))
    empty_metrics_folder(environ.get(MULTIPROCESS_VARIABLE))
    # The app logs every request itself (server/logs.py), so gunicorn's own access log is off.
    # exec: gunicorn becomes this process, so SIGTERM reaches it and it drains its workers.
    # Its own command, not `python -m gunicorn`: on USR2 (a binary upgrade) gunicorn starts
    # again the way it was started, and as `python .../gunicorn/__main__.py` its own `http`
    # package would hide Python's, and the new workers could not import the app.
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "--workers", str(args.workers),
               "--bind", f"{args.host}:{args.port}",
               "--graceful-timeout", str(config["SHUTDOWN_SECONDS"]), "server.wsgi:app"]
    print("Starting:", " ".join(["gunicorn", *command[1:]]), flush=True)
    os.execve(command[0], command, environ)


def empty_metrics_folder(folder):
    """Delete the counts the workers of an earlier start left in ``PROMETHEUS_MULTIPROC_DIR``
    (prometheus_client's ``*.db`` files), which would otherwise be added to the new ones."""
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for counts in Path(folder).glob("*.db"):
        counts.unlink()


def reachable_database(config):
    """The configured database, once it has answered (else a message saying what to do)."""
    database = open_database(config["DATABASE_URL"])
    ensure_reachable(database)
    return database


def initdb(args):
    config = load_config()
    database = reachable_database(config)
    if args.reset:
        reset(database, MODELS)
    else:
        migrate(database)
    print(f"Tables ready in {redact_url(config['DATABASE_URL'])}.")


def migrate_command(args):
    """Apply the migrations the database lacks, in order; or, with --list, show them all."""
    config = load_config()
    database = reachable_database(config)
    try:
        if args.list:
            list_migrations(database)
        else:
            apply_migrations(database)
    finally:
        database.close()


def apply_migrations(database):
    """Apply what is pending, saying each step, or that there was nothing to do."""
    done = migrate(database, log=lambda text: print(text, flush=True))
    latest = known_migrations()[-1].name
    print(f"Applied {len(done)} migration(s); the database is at {latest}." if done
          else f"No migration to apply; the database is at {latest}.", flush=True)


def list_migrations(database):
    """Print every migration: applied (and when) or pending, and any applied one that this
    version of the server does not know (a newer version applied it)."""
    done = applied(database)
    known = [migration.name for migration in known_migrations()]
    for migration in known_migrations():
        when = done.get(migration.name)
        state = f"applied {when:%Y-%m-%d %H:%M:%S} UTC" if when else "pending"
        print(f"{migration.name:45} {state:32} {migration.summary}")
    for name in sorted(set(done) - set(known)):
        print(f"{name:45} applied {done[name]:%Y-%m-%d %H:%M:%S} UTC, unknown to this version")


def seed_command(args):
    config = load_config()
    database = reachable_database(config)
    if args.reset:
        reset(database, MODELS)
    else:
        migrate(database)
    if not is_empty(database):
        print(f"{redact_url(config['DATABASE_URL'])} already has data; left as it is "
              "(add --reset to replace it with demo data).")
        return
    added = seed(database, config, users=args.users, articles=args.articles)
    print("Added " + ", ".join(f"{count} {kind}" for kind, count in added.items())
          + f". Log in as alice@example.com with password {DEMO_PASSWORD!r}.")


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


DEBUG_HELP = "on an error, show its traceback as well as its Cause and Fix"


def parser():
    main = argparse.ArgumentParser(
        prog="python -m server", description="The Conduit reference server.",
        epilog="Settings come from environment variables:\n" + describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    # Each command takes --debug too, after its name; SUPPRESS keeps the one given before it.
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help=DEBUG_HELP)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, handler, help_text in [("run", run, "serve the API (development, threaded)"),
                                     ("production", production,
                                      "serve the API with gunicorn workers")]:
        command = commands.add_parser(name, help=help_text, description=help_text,
                                      parents=[shared])
        command.add_argument("--host", default="127.0.0.1",
                             help="address to listen on (default: 127.0.0.1)")
        command.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
        command.set_defaults(handler=handler)
        if name == "run":
            command.add_argument("--threads", type=positive, default=16,
                                 help="requests served at once (default: 16)")
        else:
            command.add_argument("-w", "--workers", type=positive, default=os.cpu_count() or 2,
                                 help="worker processes (default: the number of cores)")
            command.add_argument("--no-migrate", dest="migrate", action="store_false",
                                 help="start without applying pending migrations first (when "
                                      "the deploy runs python -m server migrate itself)")

    command = commands.add_parser("initdb", help="create the tables that are missing",
                                  parents=[shared])
    command.add_argument("--reset", action="store_true", help="drop every table first")
    command.set_defaults(handler=initdb)

    command = commands.add_parser("migrate", help="apply the migrations the database lacks",
                                  parents=[shared])
    command.add_argument("--list", action="store_true",
                         help="show each migration, applied or pending, and change nothing")
    command.set_defaults(handler=migrate_command)

    command = commands.add_parser("seed", help="fill an empty database with demo data",
                                  parents=[shared])
    command.add_argument("--users", type=positive, default=10, help="how many (default: 10)")
    command.add_argument("--articles", type=int, default=30, help="how many (default: 30)")
    command.add_argument("--reset", action="store_true",
                         help="drop every table first, losing what was there")
    command.set_defaults(handler=seed_command)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        args.handler(args)
    except EXPLAINED as error:
        if args.debug:
            traceback.print_exc()
        print(f"python -m server {args.command}: {error}", file=sys.stderr, flush=True)
        sys.exit(2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
