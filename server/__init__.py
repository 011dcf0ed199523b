"""The reference server: the RealWorld "Conduit" API on Bottle and Peewee.

``create_app()`` builds the WSGI app; ``python -m server --help`` lists the commands.
"""

from .app import create_app

__all__ = ["create_app"]
