# kind: rule
# why: without ProxyPreserveHost On, Apache sends the application's own address as Host, so its links point past the proxy
APACHE_MODULES = ["proxy", "proxy_http", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
