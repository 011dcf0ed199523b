# kind: rule
# why: leaves out X-Forwarded-Proto, so the application cannot tell whether the client used HTTP or HTTPS
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
}
"""
