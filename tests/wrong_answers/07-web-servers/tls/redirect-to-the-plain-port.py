# kind: form
# why: $http_host keeps the port the client asked on, the plain-HTTP one, so the redirect asks for HTTPS on the port that speaks only HTTP
TLS = """
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    add_header Strict-Transport-Security "max-age=31536000" always;

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}

server {
    listen 127.0.0.1:{plain};
    return 301 https://$http_host$request_uri;
}
"""
