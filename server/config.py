"""Every setting of the reference server, declared once with its default and its help.

Settings come from the environment (``DATABASE_URL=... python -m server run``) or from the
``overrides`` dict a caller hands to ``create_app``; the defaults suit development on a laptop.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

VAR_DIR = Path("var")


@dataclass(frozen=True)
class Setting:
    """One configuration key: how to read it, its default and what it is for."""

    name: str
    default: object
    help: str
    parse: type = str


SETTINGS = [
    Setting("CONDUIT_ENV", "development",
            "'development' or 'production'; production refuses to start without SECRET_KEY."),
    Setting("DATABASE_URL", "sqlite:///var/conduit.sqlite3",
            "Where the data lives: sqlite:///PATH, postgresql://USER@HOST/DB or "
            "mysql://USER@HOST/DB."),
    Setting("SECRET_KEY", None,
            "Signs login tokens. In development a random key is made once and kept in "
            "var/secret_key; in production it must be set."),
    Setting("TOKEN_TTL_SECONDS", 30 * 24 * 3600,
            "How long a login token stays valid, in seconds.", int),
    Setting("CORS_ORIGINS", "*",
            "Comma-separated origins allowed to call the API from a browser, or '*' for any."),
    Setting("MAX_BODY_BYTES", 1024 * 1024,
            "The largest request body accepted; a larger one is answered with 422.", int),
    Setting("LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR."),
    Setting("ARGON2_TIME_COST", 3, "argon2id passes over memory when hashing a password.", int),
    Setting("ARGON2_MEMORY_KIB", 65536, "argon2id memory per password hash, in KiB.", int),
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
        config[setting.name] = value
    if config["SECRET_KEY"] is None:
        if config["CONDUIT_ENV"] == "production":
            raise ConfigError("Cause: SECRET_KEY is not set and CONDUIT_ENV is production. "
                              "Fix: export SECRET_KEY=$(python -c 'import secrets; "
                              "print(secrets.token_urlsafe(48))').")
        config["SECRET_KEY"] = development_secret_key()
    return config


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
