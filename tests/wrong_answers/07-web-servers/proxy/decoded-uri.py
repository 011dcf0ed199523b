# kind: form
# why: rebuilds the URI from $uri, which nginx has decoded and normalised: %2F becomes a slash, // one slash, and é is sent as raw bytes
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app}$uri$is_args$args;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
