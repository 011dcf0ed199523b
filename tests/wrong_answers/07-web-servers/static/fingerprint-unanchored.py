# kind: coincidence
# why: matches the hash anywhere in the name and in any case (~*), so app.3F9A2C1E.js and app.3f9a2c1e.min.js are kept for a year
STATIC = r"""
# Outside the server: added to Nginx's list of types, not in place of it.
types {
    text/javascript mjs;
}

map $uri $static_cache_control {
    "~*\.[0-9a-f]{8,}\." "public, max-age=31536000, immutable";
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
