# kind: rule
# why: copies any X-Forwarded-Proto into wsgi.url_scheme, so a value such as gopher makes the application build links it cannot serve
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
            chain = environ.get("HTTP_X_FORWARDED_FOR", "")
            addresses = [address.strip() for address in chain.split(",") if address.strip()]
            if addresses:
                environ["REMOTE_ADDR"] = next(
                    (address for address in reversed(addresses) if address not in trusted),
                    addresses[0])
            if "HTTP_X_FORWARDED_PROTO" in environ:
                environ["wsgi.url_scheme"] = environ["HTTP_X_FORWARDED_PROTO"]
        return app(environ, start_response)

    return behind
