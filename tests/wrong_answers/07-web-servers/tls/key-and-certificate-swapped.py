# kind: form
# why: gives the key file as the certificate and the certificate as the key; nginx refuses the configuration, and the task scores zero with nginx's own error lines
TLS = """
server {
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {key};
    ssl_certificate_key {certificate};
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
    # $host is the host the client asked for, without its port; $request_uri is the path
    # and query as the client sent them.
    return 301 https://$host:{port}$request_uri;
}
"""
