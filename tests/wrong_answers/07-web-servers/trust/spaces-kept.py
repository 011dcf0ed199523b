# kind: form
# why: splits the list on commas but keeps the spaces around each address, so ' 127.0.0.9' is not found among the trusted addresses
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
            chain = environ.get("HTTP_X_FORWARDED_FOR", "")
            addresses = chain.split(",") if chain else []
            if addresses:
                environ["REMOTE_ADDR"] = next(
                    (address for address in reversed(addresses) if address not in trusted),
                    addresses[0])
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "")
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return app(environ, start_response)

    return behind
