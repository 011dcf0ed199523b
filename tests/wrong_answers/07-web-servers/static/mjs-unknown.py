# kind: rule
# why: leaves .mjs to nginx's list, which does not know it, so modules go out as application/octet-stream and browsers refuse to run them
STATIC = r"""
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
        alias {site}/;
        add_header Cache-Control $static_cache_control;
    }

    location / {
        proxy_pass {app};
    }
}
"""
