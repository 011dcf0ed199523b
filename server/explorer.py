"""``/api/docs``: an API explorer in the browser, Swagger UI on the server's own OpenAPI document.

``/api`` is the first URL a person opens, so it leads here. Swagger UI's files come from the
``swagger-ui-bundle`` package and this server serves them, so the page works offline and sends
requests nowhere but to this server. "Authorize" takes a login token: ``Token <jwt>``, or the
token alone, to which the page adds ``Token``.
"""

from importlib.resources import as_file

from bottle import HTTPResponse, redirect, response, static_file
from swagger_ui_bundle import swagger_ui_path

from .errors import not_found

DOCS = "/api/docs"
# The parts of Swagger UI the page uses; nothing else in the package is served.
ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-16x16.png", "favicon-32x32.png"}

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Conduit API explorer</title>
  <link rel="stylesheet" href="{DOCS}/swagger-ui.css">
  <link rel="icon" type="image/png" sizes="32x32" href="{DOCS}/favicon-32x32.png">
  <link rel="icon" type="image/png" sizes="16x16" href="{DOCS}/favicon-16x16.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{DOCS}/swagger-ui-bundle.js"></script>
  <script src="{DOCS}/explorer.js"></script>
</body>
</html>
"""

# In a file of its own rather than inline, so that a Content-Security-Policy of script-src
# 'self' lets it run.
SCRIPT = """\
// Swagger UI on this server's OpenAPI document; "Try it out" calls this server.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  displayRequestDuration: true,
  persistAuthorization: true,  // keep the token when the page is reloaded
  validatorUrl: null,  // no badge fetched from a validator on the internet
  requestInterceptor: function (request) {
    // "Authorize" sends what was typed as the Authorization header: add the scheme the API
    // expects when only the token was pasted.
    var value = request.headers.Authorization;
    if (value && !/^(Token|Bearer) /.test(value)) {
      request.headers.Authorization = "Token " + value;
    }
    return request;
  },
});
"""


def to_docs():
    """``/api`` and ``/api/``: the explorer, the page a person opening the API wants."""
    redirect(DOCS, 302)


def page():
    response.content_type = "text/html; charset=utf-8"
    return PAGE


def asset(name):
    """One of Swagger UI's files, or the page's script; a 404 for anything else."""
    if name == "explorer.js":
        return HTTPResponse(SCRIPT, headers={
            "Content-Type": "application/javascript; charset=utf-8",
            "Cache-Control": "no-cache"})
    if name not in ASSETS:
        raise not_found(f"{DOCS}/{name}")
    with as_file(swagger_ui_path) as folder:
        served = static_file(name, root=str(folder))
    served.set_header("Cache-Control", "no-cache")  # revalidated: 304 while unchanged
    return served


def register(app):
    app.get("/api", callback=to_docs)
    app.get("/api/", callback=to_docs)
    app.get(DOCS, callback=page, cache="static")
    app.get(f"{DOCS}/<name>", callback=asset)
