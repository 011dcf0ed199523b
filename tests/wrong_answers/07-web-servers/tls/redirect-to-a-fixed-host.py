# kind: coincidence
# why: redirects to https://127.0.0.1, right only for clients that asked for 127.0.0.1: one that asked for conduit.test is sent elsewhere
TLS = """
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;

    # "always": on errors too, not only on the answers nginx counts as successful.
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
    return 301 https://127.0.0.1:{port}$request_uri;
}
"""
