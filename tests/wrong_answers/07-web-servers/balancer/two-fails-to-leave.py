# kind: rule
# why: max_fails=2 leaves a dead backend in until it failed twice, so the second request after it died tries it again
BALANCER = """
upstream conduit {
    # Round robin. After one failure a backend is left out for 10 s (max_fails=1 and
    # fail_timeout=10s are Nginx's defaults), and the request is tried on the next one.
    server {backend1} max_fails=2;
    server {backend2} max_fails=2;
    server {backend3} max_fails=2;
}

server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass http://conduit;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
