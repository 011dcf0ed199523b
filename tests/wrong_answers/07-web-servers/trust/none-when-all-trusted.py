# kind: rule
# why: when every address is a proxy of ours, next() without a default raises StopIteration inside the server, instead of taking the leftmost as the task says
def behind_proxy(app, trusted):
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
            chain = environ.get("HTTP_X_FORWARDED_FOR", "")
            addresses = [address.strip() for address in chain.split(",") if address.strip()]
            if addresses:
                environ["REMOTE_ADDR"] = next(
                    address for address in reversed(addresses) if address not in trusted)
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "")
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return app(environ, start_response)

    return behind
