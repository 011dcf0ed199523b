# kind: form
# why: proxy_pass {app}/ under location / looks harmless, but a URI in proxy_pass makes nginx send its decoded, normalised path: %2F becomes a slash
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app}/;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
