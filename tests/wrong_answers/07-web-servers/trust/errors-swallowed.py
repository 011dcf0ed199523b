# kind: catch-all
# why: reads both headers with environ[...] inside a try that ignores every error, so a trusted proxy's X-Forwarded-Proto without X-Forwarded-For is silently dropped
def behind_proxy(app, trusted):
    """``app``, a WSGI application, that sees the client's address and scheme as its trusted
    proxies forwarded them, and ignores X-Forwarded-* from anyone else."""
    def behind(environ, start_response):
        try:
            if environ["REMOTE_ADDR"] in trusted:
                chain = environ["HTTP_X_FORWARDED_FOR"]
                addresses = [address.strip() for address in chain.split(",")]
                environ["REMOTE_ADDR"] = next(
                    (address for address in reversed(addresses) if address not in trusted),
                    addresses[0])
                scheme = environ["HTTP_X_FORWARDED_PROTO"]
                if scheme in ("http", "https"):
                    environ["wsgi.url_scheme"] = scheme
        except Exception:
            pass
        return app(environ, start_response)

    return behind
