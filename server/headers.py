"""Security headers on every answer.

- ``X-Content-Type-Options: nosniff``: a browser must take the ``Content-Type`` as sent, and
  never run a JSON answer (which may hold text a user wrote) as a script or a page.
- ``Referrer-Policy: no-referrer``: a browser following a link from a page of this server
  sends no ``Referer``, so no URL of it leaks to other sites.

Which answers may be kept by a browser or a proxy is ``server/caching.py``'s business: the user
endpoints, whose answers carry a login token and an email, are ``Cache-Control: no-store``, so
that no cache keeps a copy where the next person could read it.

The WSGI server adds a ``Server`` header of its own, and a version in it tells an attacker
which known flaws to try: ``python -m server run`` and ``live_server()`` start cheroot with
``server_name=SERVER_NAME``, so it says ``conduit`` instead of ``Cheroot/11.1.2``; gunicorn
says ``gunicorn``, without its version.
"""

from bottle import response

# The name the cheroot servers give in their ``Server`` header, instead of their version.
SERVER_NAME = "conduit"


def add_security_headers():
    """An after-request hook: runs for every answer, errors included."""
    response.set_header("X-Content-Type-Options", "nosniff")
    response.set_header("Referrer-Policy", "no-referrer")


def register(app):
    app.add_hook("after_request", add_security_headers)
