# kind: rule
# why: lists backend1 twice and backend3 never, so backend1 gets two requests in three and backend3 none
BALANCER = """
upstream conduit {
    server {backend1};
    server {backend2};
    server {backend1};
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
