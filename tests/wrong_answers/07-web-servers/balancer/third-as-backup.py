# kind: rule
# why: marks backend3 as a backup, which gets requests only when the other two are down, so the requests are spread over two
BALANCER = """
upstream conduit {
    server {backend1};
    server {backend2};
    server {backend3} backup;
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
