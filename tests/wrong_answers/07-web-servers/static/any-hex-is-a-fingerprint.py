# kind: coincidence
# why: takes any run of hex digits for a fingerprint, so app.3f9a2c1.js (seven digits, a version, not a hash) is kept for a year
STATIC = r"""
types {
    text/javascript mjs;
}

map $uri $static_cache_control {
    "~\.[0-9a-f]+\.[A-Za-z0-9]+$" "public, max-age=31536000, immutable";
    default "no-cache";
}

server {
    listen 127.0.0.1:{port};

    gzip on;
    gzip_types text/css text/javascript application/javascript application/json
               image/svg+xml;
    gzip_vary on;

    location /static/ {
        alias {site}/;
        add_header Cache-Control $static_cache_control;
    }

    location / {
        proxy_pass {app};
    }
}
"""
