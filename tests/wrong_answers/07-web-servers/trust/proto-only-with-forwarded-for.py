# kind: rule
# why: reads X-Forwarded-Proto only when X-Forwarded-For came too, so a trusted proxy that sends only the scheme is not believed
def behind_proxy(app, trusted):
    """``app``, a WSGI application, that sees the client's address and scheme as its trusted
    proxies forwarded them, and ignores X-Forwarded-* from anyone else."""
    def behind(environ, start_response):
        if environ.get("REMOTE_ADDR") in trusted:
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
