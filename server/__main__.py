"""The reference server's command line: ``python -m server COMMAND``.

    python -m server run                 serve the API on http://127.0.0.1:8000/api
    python -m server seed                fill an empty database with demo data
    python -m server initdb              create the tables
    python -m server production -w 4     serve with gunicorn and 4 worker processes
"""

import argparse
import logging
import os
import sys

from cheroot import wsgi

from .config import ConfigError, describe, load_config
from .database import create_tables, open_database
from .models import MODELS
from .seed import DEMO_PASSWORD, is_empty, reset, seed


def configure_logging(level="INFO"):
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(message)s")


def run(args):
    from .app import create_app

    configure_logging(load_config()["LOG_LEVEL"])
    app = create_app()
    server = wsgi.Server((args.host, args.port), app, numthreads=args.threads)
    print(f"Conduit API on http://{args.host}:{args.port}/api "
          f"({args.threads} threads, database {app.config['DATABASE_URL']}). Ctrl-C stops it.",
          flush=True)
    try:
        server.safe_start()
    finally:
        server.stop()


def production(args):
    """Replace this process with gunicorn serving ``server.wsgi:app`` on several workers."""
    environ = {**os.environ, "CONDUIT_ENV": "production"}
    load_config(environ=environ)  # fail here, with a clear message, if SECRET_KEY is missing
    command = [sys.executable, "-m", "gunicorn", "--workers", str(args.workers),
               "--bind", f"{args.host}:{args.port}", "--access-logfile", "-",
               "server.wsgi:app"]
    print("Starting:", " ".join(command[1:]), flush=True)
    os.execve(sys.executable, command, environ)


def initdb(args):
    config = load_config()
    database = open_database(config["DATABASE_URL"])
    if args.reset:
        reset(database)
    else:
        create_tables(database, MODELS)
    print(f"Tables ready in {config['DATABASE_URL']}.")


def seed_command(args):
    config = load_config()
    database = open_database(config["DATABASE_URL"])
    if args.reset:
        reset(database)
    else:
        create_tables(database, MODELS)
    if not is_empty(database):
        print(f"{config['DATABASE_URL']} already has data; left as it is "
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


def parser():
    main = argparse.ArgumentParser(
        prog="python -m server", description="The Conduit reference server.",
        epilog="Settings come from environment variables:\n" + describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, handler, help_text in [("run", run, "serve the API (development, threaded)"),
                                     ("production", production,
                                      "serve the API with gunicorn workers")]:
        command = commands.add_parser(name, help=help_text, description=help_text)
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

    command = commands.add_parser("initdb", help="create the tables that are missing")
    command.add_argument("--reset", action="store_true", help="drop every table first")
    command.set_defaults(handler=initdb)

    command = commands.add_parser("seed", help="fill an empty database with demo data")
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
    except ConfigError as error:
        sys.exit(f"python -m server: {error}")
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
