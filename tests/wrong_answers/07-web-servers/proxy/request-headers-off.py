# kind: rule
# why: proxy_pass_request_headers off sends only the headers set here, so the application never sees the client's Authorization, Cookie or Content-Type
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        # No URI after the address: the request's own URI is passed on, as the client sent it.
        proxy_pass {app};
        proxy_pass_request_headers off;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
