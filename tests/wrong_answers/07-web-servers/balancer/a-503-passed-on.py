# kind: rule
# why: nginx's default passes a request on after a connection error or a timeout only, so a backend's 503 reaches the client
BALANCER = """
upstream conduit {
    server {backend1};
    server {backend2};
    server {backend3};
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;

    }
}
"""
