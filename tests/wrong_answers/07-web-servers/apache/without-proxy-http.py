# kind: form
# why: loads mod_proxy but not mod_proxy_http, so Apache starts but has no handler for http:// backends and answers every request 500
APACHE_MODULES = ["proxy", "headers"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
