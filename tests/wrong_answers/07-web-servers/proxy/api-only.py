# kind: coincidence
# why: passes only /api/ on, so the examples work but /healthz and / are answered by nginx itself with 404
PROXY = """
server {
    listen 127.0.0.1:{port};

    location /api/ {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
