# kind: rule
# why: serves plain HTTP as well as HTTPS instead of redirecting, so passwords and tokens still cross the network unencrypted
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
    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
