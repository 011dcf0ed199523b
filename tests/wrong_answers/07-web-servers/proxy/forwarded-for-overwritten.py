# kind: rule
# why: sets X-Forwarded-For to $remote_addr, which throws away the addresses the client sent instead of appending to them
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
