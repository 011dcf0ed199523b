# kind: rule
# why: gives every file a year and immutable, so a browser keeps style.css, whose name does not change with its content, long after it changed
STATIC = r"""
types {
    text/javascript mjs;
}

server {
    listen 127.0.0.1:{port};

    gzip on;
    gzip_types text/css text/javascript application/javascript application/json
               image/svg+xml;
    gzip_vary on;

    location /static/ {
        alias {site}/;
        add_header Cache-Control "public, max-age=31536000, immutable";
    }

    location / {
        proxy_pass {app};
    }
}
"""
