# kind: form
# why: passes $host, which is the host name without the port the client asked on, so links the application makes lose the proxy's port
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
