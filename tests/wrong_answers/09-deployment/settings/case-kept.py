# kind: rule
# why: compares CONDUIT_ENV as given, so ' Development ' or 'PRODUCTION' is refused
def settings(environ):
    """The server's settings read from ``environ``: a dict; ValueError naming the variable
    when one is missing or wrong."""
    def given(name):
        value = environ.get(name)
        return value if value else None  # the empty string counts as not set

    env = given("CONDUIT_ENV") or "development"
    if env not in ("development", "production"):
        raise ValueError(f"CONDUIT_ENV must be development or production, not "
                         f"{environ.get('CONDUIT_ENV')!r}")
    production = env == "production"

    def number(name, default, lowest, highest=None):
        text = given(name)
        if text is None:
            return default
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < lowest or (highest is not None and value > highest):
            limits = f"from {lowest} to {highest}" if highest else f"of at least {lowest}"
            raise ValueError(f"{name} must be a number {limits}, not {text!r}")
        return value

    flag = given("DEBUG")
    if flag is None:
        debug = not production
    elif flag.strip().lower() in ("true", "yes", "1"):
        debug = True
    elif flag.strip().lower() in ("false", "no", "0"):
        debug = False
    else:
        raise ValueError(f"DEBUG must be true, yes, 1, false, no or 0, not {flag!r}")

    secret_key, database_url = given("SECRET_KEY"), given("DATABASE_URL")
    if production:
        if secret_key is None:
            raise ValueError("SECRET_KEY is required in production: make one with "
                             "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
        if len(secret_key) < 32 or len(set(secret_key)) < 10:
            raise ValueError("SECRET_KEY is too weak for production: it needs at least 32 "
                             "characters, at least 10 of them different")
        if database_url is None:
            raise ValueError("DATABASE_URL is required in production")
        if debug:
            raise ValueError("DEBUG must be off in production")
    return {"env": env, "port": number("PORT", 8000, 1, 65535),
            "workers": number("WEB_CONCURRENCY", 2, 1), "debug": debug,
            "database_url": database_url or "sqlite:///var/conduit.sqlite3",
            "secret_key": secret_key}
