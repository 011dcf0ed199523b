"""The password policy: what a new password must be, on registration and on a change.

A password must be at least ``MIN_LENGTH`` characters and must not be one of the common
passwords in ``common-passwords.txt`` (compared ignoring case). Those are the passwords an
attacker tries first, against every account: a rate limit slows each guess, but only refusing
them keeps an account safe from the first hundred guesses. NIST SP 800-63B asks for exactly
this: a minimum length and a check against known passwords, not rules about symbols or digits.
``PASSWORD_POLICY=off`` turns both checks off.
"""

from functools import cache
from importlib.resources import files

from .errors import unprocessable

MIN_LENGTH = 8
MAX_LENGTH = 1024  # argon2 would hash more, but nobody types a longer password


@cache
def common_passwords():
    """The common passwords, one a line in ``common-passwords.txt``, in lower case."""
    text = files(__package__).joinpath("common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def check_new_password(password, config):
    """A 422 saying why, when ``password`` may not be chosen under the policy in ``config``."""
    if config["PASSWORD_POLICY"] == "off":
        return
    if len(password) < MIN_LENGTH:
        raise unprocessable(f"password must be at least {MIN_LENGTH} characters")
    if password.lower() in common_passwords():
        raise unprocessable("password is one of the most common passwords, which attackers "
                            "try first; choose another")
