# kind: rule
# why: a types block inside the location replaces nginx's whole list there, so .mjs is right but .css and .js are sent as application/octet-stream
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
        types {
            text/javascript mjs;
        }
        alias {site}/;
        add_header Cache-Control $static_cache_control;
    }

    location / {
        proxy_pass {app};
    }
}
"""
