# kind: coincidence
# why: writes the Host out as 127.0.0.1:{port}, which is what the examples send, but not what a client that asked for conduit.example.org sent
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app};
        proxy_set_header Host 127.0.0.1:{port};
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
