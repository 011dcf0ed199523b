# kind: rule
# why: a RewriteRule with [P] proxies like ProxyPass without nocanon: the path is decoded, %7E arrives as ~
APACHE_MODULES = ["proxy", "proxy_http", "headers", "rewrite"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    RewriteEngine On
    RewriteRule "^/(.*)$" "{app}/$1" [P]
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
