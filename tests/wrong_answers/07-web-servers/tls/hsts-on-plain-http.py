# kind: rule
# why: add_header at the top applies to both servers, so plain-HTTP redirects carry HSTS too, which RFC 6797 forbids
TLS = """
add_header Strict-Transport-Security "max-age=31536000" always;
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};

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
