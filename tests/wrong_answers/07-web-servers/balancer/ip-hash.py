# kind: rule
# why: ip_hash sends every client to the same backend, and all the tests' requests come from 127.0.0.1: one backend gets them all
BALANCER = """
upstream conduit {
    ip_hash;
    server {backend1};
    server {backend2};
    server {backend3};
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
