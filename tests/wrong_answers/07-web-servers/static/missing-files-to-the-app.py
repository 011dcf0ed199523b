# kind: catch-all
# why: hands a missing static file to the application instead of answering 404, so every mistyped asset URL costs an application request
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
        alias {site}/;
        add_header Cache-Control $static_cache_control;
        error_page 404 = @app;
    }

    location / {
        proxy_pass {app};
    }

    location @app {
        proxy_pass {app};
    }
}
"""
