# kind: rule
# why: ProxyPass without nocanon decodes and rewrites the path, so /api/a%3Bb arrives as /api/a;b and // as /
APACHE_MODULES = ["proxy", "proxy_http", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
