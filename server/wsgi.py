"""The entry point for a production WSGI server: ``gunicorn server.wsgi:app``.

This is the one module that does work when imported, because a WSGI server imports it to get
the app: it sets up logging and builds the app from the environment.
"""

from .__main__ import configure_logging
from .app import create_app
from .config import load_config

configure_logging(load_config()["LOG_LEVEL"])
app = create_app()
