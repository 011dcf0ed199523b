# kind: rule
# why: believes the leftmost address, which the client wrote itself: anyone can claim to be 203.0.113.7
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
            chain = environ.get("HTTP_X_FORWARDED_FOR", "")
            if chain:
                environ["REMOTE_ADDR"] = chain.split(",")[0].strip()
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "")
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return app(environ, start_response)

    return behind
