"""Every setting of the reference server, declared once with its default and its help.

Settings come from the environment (``DATABASE_URL=... python -m server run``) or from the
``overrides`` dict a caller hands to ``create_app``; the defaults suit development on a laptop.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

VAR_DIR = Path("var")
# The databases the server runs on, by the scheme that starts their DATABASE_URL.
DATABASE_SCHEMES = ("sqlite", "postgresql", "postgres", "mysql")
DATABASE_EXAMPLES = ("postgresql://conduit:secret@127.0.0.1:5432/conduit",
                     "mysql://conduit:secret@127.0.0.1:3306/conduit")
# Tokens are signed with HMAC-SHA256, whose key should be at least as long as its output;
# a shorter one can be found by trying keys against a single token.
MIN_SECRET_KEY_BYTES = 32
NEW_SECRET_KEY = ("export SECRET_KEY=$(python3 -c "
                  "'import secrets; print(secrets.token_urlsafe(48))')")


@dataclass(frozen=True)
class Setting:
    """One configuration key: how to read it, its default and what it is for."""

    name: str
    default: object
    help: str
    parse: type = str
    choices: tuple = ()  # the values allowed, when only a few are
    minimum: int | None = None  # the smallest value allowed, for a number


SETTINGS = [
    Setting("CONDUIT_ENV", "development",
            "'development' or 'production'; production refuses to start without a SECRET_KEY "
            f"of at least {MIN_SECRET_KEY_BYTES} bytes."),
    Setting("DATABASE_URL", "sqlite:///var/conduit.sqlite3",
            "Where the data lives: sqlite:///PATH, postgresql://USER:PASSWORD@HOST:PORT/DB or "
            "mysql://USER:PASSWORD@HOST:PORT/DB."),
    Setting("SECRET_KEY", None,
            "Signs login tokens. In development a random key is made once and kept in "
            f"var/secret_key; in production it must be set, at least {MIN_SECRET_KEY_BYTES} "
            "bytes long."),
    Setting("TOKEN_TTL_SECONDS", 30 * 24 * 3600,
            "How long a login token stays valid, in seconds.", int),
    Setting("CORS_ORIGINS", "*",
            "Comma-separated origins allowed to call the API from a browser, or '*' for any."),
    Setting("MAX_BODY_BYTES", 1024 * 1024,
            "The largest request body accepted; a larger one is answered with 422.", int),
    Setting("LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR."),
    Setting("LOG_FORMAT", "text",
            "'text': log lines for a person to read; 'json': one JSON object a line (time, "
            "level, message, and for each request its method, path, route, status, "
            "duration_ms, client and user_agent), for a log collector to read.",
            choices=("text", "json")),
    Setting("SHUTDOWN_SECONDS", 30,
            "On SIGTERM or Ctrl-C, how long the server waits for the requests it is "
            "answering to finish before it closes their connections, in seconds (python -m "
            "server run; gunicorn's --graceful-timeout in production).", int, minimum=0),
    Setting("ARGON2_TIME_COST", 3, "argon2id passes over memory when hashing a password.", int),
    Setting("ARGON2_MEMORY_KIB", 65536, "argon2id memory per password hash, in KiB.", int),
    Setting("PASSWORD_POLICY", "on",
            "'on': a new password must be at least 8 characters and not one of the common "
            "passwords in server/common-passwords.txt; 'off': any non-blank password (to run "
            "a test suite that registers with 'password', or to show why the policy exists).",
            choices=("on", "off")),
    Setting("RATE_LIMITS", "on",
            "'on' or 'off': answer 429 to logins and registrations over the limits below.",
            choices=("on", "off")),
    Setting("RATE_LIMIT_WINDOW_SECONDS", 900,
            "The length of the window the rate limits count in, in seconds; counts start "
            "again at zero in each window.", int, minimum=1),
    Setting("LOGIN_FAILURES_PER_ACCOUNT", 10,
            "Failed logins allowed for one email in a window, from any address; then logins "
            "to it are refused with 429 until the window ends.", int, minimum=1),
    Setting("LOGIN_FAILURES_PER_ADDRESS", 100,
            "Failed logins allowed from one client address in a window, for any emails.",
            int, minimum=1),
    Setting("REGISTRATIONS_PER_ADDRESS", 300,
            "Registration requests (accepted or refused) allowed from one client address in "
            "a window.", int, minimum=1),
    Setting("TRUSTED_PROXIES", "",
            "Comma-separated addresses of reverse proxies in front of the server (such as "
            "127.0.0.1 for a local nginx); from them, the client's address is the last one "
            "in X-Forwarded-For. Empty: the connection's address is the client's."),
    Setting("REDIS_URL", None,
            "redis://HOST:PORT/DB to keep the rate limits' counts in Redis, and anonymous "
            "reads in a shared cache there (see CACHE_SECONDS); unset, the counts are kept "
            "in the database and nothing is cached. Either way every worker process shares "
            "them."),
    Setting("CACHE_SECONDS", 60,
            "With REDIS_URL: how long an anonymous read stays in the shared cache, in "
            "seconds; every write empties the cache at once. 0: no shared cache.",
            int, minimum=0),
    Setting("SHARED_CACHE_SECONDS", 30,
            "How long a shared cache in front of the server (a CDN, a caching proxy) may "
            "keep an anonymous read: the s-maxage of its Cache-Control.", int, minimum=0),
]


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def load_config(overrides=None, environ=None):
    """Return a dict of every setting: ``overrides`` first, then the environment, then defaults."""
    environ = os.environ if environ is None else environ
    overrides = overrides or {}
    unknown = set(overrides) - {s.name for s in SETTINGS}
    if unknown:
        raise ConfigError(f"Cause: unknown setting(s) {sorted(unknown)}. "
                          f"Fix: use one of {[s.name for s in SETTINGS]}.")
    config = {}
    for setting in SETTINGS:
        value = overrides.get(setting.name, environ.get(setting.name, setting.default))
        if value is not None and not isinstance(value, setting.parse):
            try:
                value = setting.parse(value)
            except ValueError:
                raise ConfigError(f"Cause: {setting.name}={value!r} is not a valid "
                                  f"{setting.parse.__name__}. Fix: {setting.help}") from None
        check_allowed(setting, value)
        config[setting.name] = value
    check_database_url(config["DATABASE_URL"])
    if config["SECRET_KEY"] is None:
        if config["CONDUIT_ENV"] == "production":
            raise ConfigError("Cause: SECRET_KEY is not set and CONDUIT_ENV is production. "
                              f"Fix: {NEW_SECRET_KEY}")
        config["SECRET_KEY"] = development_secret_key()
    elif config["CONDUIT_ENV"] == "production":
        check_secret_key(config["SECRET_KEY"])
    return config


def check_allowed(setting, value):
    """Refuse a value outside a setting's ``choices`` or below its ``minimum``."""
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"Cause: {setting.name}={value!r} is not one of "
                          f"{', '.join(setting.choices)}. Fix: {setting.help}")
    if setting.minimum is not None and value < setting.minimum:
        raise ConfigError(f"Cause: {setting.name}={value!r} is less than {setting.minimum}. "
                          f"Fix: {setting.help}")


def check_database_url(url):
    """Refuse a DATABASE_URL that names no database the server runs on, saying which do."""
    scheme = urlsplit(url).scheme if "://" in url else ""
    if scheme not in DATABASE_SCHEMES:
        what = (f"starts with {scheme}://, a database the server does not run on" if scheme
                else "is not a database URL: it has no scheme, such as sqlite://")
        raise ConfigError(f"Cause: DATABASE_URL={redact_url(url)!r} {what}. The server runs on "
                          "SQLite (sqlite:///PATH), PostgreSQL (postgresql://) and MySQL or "
                          "MariaDB (mysql://). Fix: unset DATABASE_URL to use SQLite in "
                          f"var/conduit.sqlite3, or set it to a URL such as "
                          f"{DATABASE_EXAMPLES[0]} or {DATABASE_EXAMPLES[1]}.")


def check_secret_key(key):
    """Refuse, in production, a SECRET_KEY short enough to be found from a token."""
    length = len(key.encode())
    if length < MIN_SECRET_KEY_BYTES:
        raise ConfigError(f"Cause: SECRET_KEY is {length} bytes long; in production it must be "
                          f"at least {MIN_SECRET_KEY_BYTES}, since with a shorter key anyone "
                          "holding one login token can find the key by trying keys, and then "
                          f"sign tokens for any user. Fix: {NEW_SECRET_KEY}")


def redact_url(url):
    """``url`` with its password, if any, replaced by ``***``, for messages and banners."""
    parts = urlsplit(url) if "://" in url else None
    if parts is None or parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return parts._replace(netloc=f"{user}:***@{netloc[2]}").geturl()


def development_secret_key(path=VAR_DIR / "secret_key"):
    """A random key made on first use and kept, so tokens survive a restart in development."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def describe():
    """The settings as help text, for ``python -m server --help``."""
    return "\n".join(f"  {s.name} (default: {s.default!r})\n      {s.help}" for s in SETTINGS)
