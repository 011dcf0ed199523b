# kind: rule
# why: an HSTS max-age of 300 seconds protects a browser for five minutes after its last visit; the task asks for a year
TLS = """
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;

    # "always": on errors too, not only on the answers nginx counts as successful.
    add_header Strict-Transport-Security "max-age=300" always;

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}

server {
    listen 127.0.0.1:{plain};
    # $host is the host the client asked for, without its port; $request_uri is the path
    # and query as the client sent them.
    return 301 https://$host:{port}$request_uri;
}
"""
