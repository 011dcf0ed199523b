# kind: form
# why: uses RequestHeader without loading mod_headers; Apache refuses the configuration, and the task scores zero with its own error lines
APACHE_MODULES = ["proxy", "proxy_http"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
