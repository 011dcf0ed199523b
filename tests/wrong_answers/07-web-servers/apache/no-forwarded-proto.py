# kind: rule
# why: counts on Apache's proxy for every X-Forwarded header, but it sends X-Forwarded-For, -Host and -Server, not -Proto
APACHE_MODULES = ["proxy", "proxy_http"]

APACHE_PROXY = """
<VirtualHost 127.0.0.1:{port}>
    ProxyPass / {app}/ nocanon
    ProxyPreserveHost On
</VirtualHost>
"""
