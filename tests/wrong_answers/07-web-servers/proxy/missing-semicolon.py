# kind: form
# why: a directive without its semicolon: nginx refuses the configuration, and the task scores zero with nginx's own error line
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app}
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
