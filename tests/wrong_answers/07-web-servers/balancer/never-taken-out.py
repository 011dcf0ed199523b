# kind: rule
# why: max_fails=0 never marks a backend as failed, so nginx goes on trying the dead one on every third request, each a wasted connection
BALANCER = """
upstream conduit {
    server {backend1} max_fails=0;
    server {backend2} max_fails=0;
    server {backend3} max_fails=0;
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
