# kind: rule
# why: unsets the client's Authorization, so the application cannot tell who is signed in
APACHE_MODULES = ["proxy", "proxy_http", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    # nocanon: the path goes on as the client sent it, not decoded and re-encoded.
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
    RequestHeader unset Authorization
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
