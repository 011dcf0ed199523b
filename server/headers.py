"""Security headers on every answer, and ``Cache-Control: no-store`` where an answer is private.

- ``X-Content-Type-Options: nosniff``: a browser must take the ``Content-Type`` as sent, and
  never run a JSON answer (which may hold text a user wrote) as a script or a page.
- ``Referrer-Policy: no-referrer``: a browser following a link from a page of this server
  sends no ``Referer``, so no URL of it leaks to other sites.
- ``Cache-Control: no-store`` on the user endpoints, whose answers carry a login token and
  an email: no browser or proxy cache may keep a copy, where the next person could read it.

The WSGI server adds a ``Server`` header of its own, and a version in it tells an attacker
which known flaws to try: ``python -m server run`` and ``live_server()`` start cheroot with
``server_name=SERVER_NAME``, so it says ``conduit`` instead of ``Cheroot/11.1.2``; gunicorn
says ``gunicorn``, without its version.
"""

from bottle import request, response

# The name the cheroot servers give in their ``Server`` header, instead of their version.
SERVER_NAME = "conduit"
PRIVATE_PATHS = {"/api/users", "/api/users/login", "/api/user"}


def add_security_headers():
    """An after-request hook: runs for every answer, errors included."""
    response.set_header("X-Content-Type-Options", "nosniff")
    response.set_header("Referrer-Policy", "no-referrer")
    if request.path in PRIVATE_PATHS:
        response.set_header("Cache-Control", "no-store")


def register(app):
    app.add_hook("after_request", add_security_headers)
