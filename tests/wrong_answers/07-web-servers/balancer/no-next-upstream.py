# kind: rule
# why: proxy_next_upstream off gives the client the error of a dead backend instead of trying the next one
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
        proxy_next_upstream off;
    }
}
"""
