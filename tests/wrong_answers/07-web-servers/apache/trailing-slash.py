# kind: rule
# why: ProxyPass /api/ {app}/ maps /api/tags to /tags, so the application sees paths without their /api prefix
APACHE_MODULES = ["proxy", "proxy_http", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass /api/ {app}/ nocanon
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
