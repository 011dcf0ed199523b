# kind: rule
# why: add_header without always adds nothing to error answers, so a 404 or a 503 comes back without HSTS
TLS = """
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    add_header Strict-Transport-Security "max-age=31536000";

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}

server {
    listen 127.0.0.1:{plain};
    return 301 https://$host:{port}$request_uri;
}
"""
