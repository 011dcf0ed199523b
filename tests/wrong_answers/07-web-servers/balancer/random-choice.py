# kind: rule
# why: random picks a backend by chance, so the requests do not take turns, and a run of three may skip one backend
BALANCER = """
upstream conduit {
    random;
    # Round robin. After one failure a backend is left out for 10 s (max_fails=1 and
    # fail_timeout=10s are Nginx's defaults), and the request is tried on the next one.
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
