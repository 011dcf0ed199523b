# kind: rule
# why: turns off Apache's own X-Forwarded-For and sets it to the client's address, throwing away the addresses the client sent
APACHE_MODULES = ["proxy", "proxy_http", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
    ProxyAddHeaders Off
    RequestHeader set X-Forwarded-For "expr=%{REMOTE_ADDR}"
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
