# kind: rule
# why: proxy_pass with a URI (the trailing slash) under location /api/ replaces the matched /api/ with /, so /api/tags reaches the application as /tags
PROXY = """
server {
    listen 127.0.0.1:{port};

    location /api/ {
        proxy_pass {app}/;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
