"""The entry point for a production WSGI server: ``gunicorn server.wsgi:app``.

This is the one module that does work when imported, because a WSGI server imports it to get
the app: it sets up logging and builds the app from the environment.
"""

from .app import create_app
from .config import load_config
from .logs import configure_logging

config = load_config()
configure_logging(config["LOG_LEVEL"], config["LOG_FORMAT"])
app = create_app()
