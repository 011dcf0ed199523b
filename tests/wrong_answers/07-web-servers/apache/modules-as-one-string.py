# kind: form
# why: gives the modules as one string, not a list of names, so services.apache would try to load a module per letter
APACHE_MODULES = "proxy proxy_http headers"

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"
</VirtualHost>
"""
