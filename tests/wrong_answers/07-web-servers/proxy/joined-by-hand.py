# kind: form
# why: joins the client's X-Forwarded-For and $remote_addr by hand, which sends ', 127.0.0.1' when the client sent none
PROXY = """
server {
    listen 127.0.0.1:{port};

    location / {
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For "$http_x_forwarded_for, $remote_addr";
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
