# kind: form
# why: root {site} looks for /static/app.js at {site}/static/app.js, so every file is a 404; alias replaces the matched /static/ with the folder
STATIC = r"""
types {
    text/javascript mjs;
}

map $uri $static_cache_control {
    "~\.[0-9a-f]{8,}\.[A-Za-z0-9]+$" "public, max-age=31536000, immutable";
    default "no-cache";
}

server {
    listen 127.0.0.1:{port};

    gzip on;
    gzip_types text/css text/javascript application/javascript application/json
               image/svg+xml;
    gzip_vary on;

    location /static/ {
        root {site};
        add_header Cache-Control $static_cache_control;
    }

    location / {
        proxy_pass {app};
    }
}
"""
