# kind: rule
# why: gzip_types * compresses PNG images too, which are compressed already: more work for no smaller file
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
    gzip_types *;
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
