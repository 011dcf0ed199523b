# kind: rule
# why: listen {port}; without an address opens the port on every network the machine is on, not only on 127.0.0.1
PROXY = """
server {
    listen {port};

    location / {
        # No URI after the address: the request's own URI is passed on, as the client sent it.
        proxy_pass {app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""
