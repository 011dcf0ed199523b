# kind: rule
# why: reads X-Forwarded-For and -Proto whoever sent them, so a client that connects to the application directly chooses its own address and scheme
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        chain = environ.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in chain.split(",") if address.strip()]
        if addresses:
            environ["REMOTE_ADDR"] = next(
                (address for address in reversed(addresses) if address not in trusted),
                addresses[0])
        scheme = environ.get("HTTP_X_FORWARDED_PROTO", "")
        if scheme in ("http", "https"):
            environ["wsgi.url_scheme"] = scheme
        return app(environ, start_response)

    return behind
