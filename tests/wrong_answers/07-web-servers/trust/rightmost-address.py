# kind: coincidence
# why: takes the rightmost address, right behind one proxy, but behind two trusted proxies it names the first proxy, not the client
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
            chain = environ.get("HTTP_X_FORWARDED_FOR", "")
            if chain:
                environ["REMOTE_ADDR"] = chain.split(",")[-1].strip()
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "")
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return app(environ, start_response)

    return behind
