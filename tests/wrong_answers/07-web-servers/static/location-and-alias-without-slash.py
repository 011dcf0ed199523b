# kind: rule
# why: location /static with alias {site} serves /static/... right, but takes /staticky/... too, which never reaches the application
STATIC = r"""
# Outside the server: added to Nginx's list of types, not in place of it.
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

    location /static {
        alias {site};
        add_header Cache-Control $static_cache_control;
    }

    location / {
        proxy_pass {app};
    }
}
"""
