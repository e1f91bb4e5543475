"""Read typed settings from environment variables, strictly.

A value that is not understood stops start-up with a message that names the variable and the
values it takes: a misspelt ``KRACHTBRON_PRODUCTION=ja`` must never quietly mean "off" and run
development mode with the development secret. An unset or empty variable means its default.

Yes/no values (any case, spaces around are ignored): ``1 true yes on ja aan`` and
``0 false no off nee uit``. Numbers are plain decimal digits (an optional sign) within the range
the setting allows. Lists are comma-separated; empty items (a trailing comma) are dropped.
"""

import ipaddress
import os
import re
from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "ja", "aan"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "nee", "uit"})
_INTEGER = re.compile(r"[+-]?[0-9]+")
# Enough of a wrong value to recognise it in the message, not a whole pasted secret.
_SHOWN = 40


def _raw(name: str) -> str | None:
    """The stripped value, or None when the variable is unset or empty."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
    return ImproperlyConfigured(f"{name}={shown!r} is not understood: {expected}.")


def env_str(name: str, default: str = "") -> str:
    """The variable as text (unchanged), or ``default`` when unset."""
    return os.environ.get(name, default)


# Prefixes of keys that say they are not secret (ours and Django's startproject key).
_INSECURE_PREFIXES = ("insecure-", "django-insecure-")


def env_secret(
    name: str,
    *,
    production: bool,
    development: str,
    minimum: int,
    valid: Callable[[str], bool] | None = None,
    expected: str = "",
) -> str:
    """A secret key, by one rule for every secret (SECRET_KEY, ANSWER_SEAL_KEY, ACCESS_LOG_KEY).

    Unset or blank: ``development`` outside production; in production start-up stops. Set: at
    least ``minimum`` characters, no spaces around it, and ``valid``
    (when given) must accept it; in production it may not be the development key or any key
    that calls itself insecure. Every refusal raises ImproperlyConfigured naming the variable
    and never showing the value.
    """
    value = os.environ.get(name, "")
    if not value.strip():
        if production:
            raise ImproperlyConfigured(f"Set {name} in production mode.")
        return development
    if value != value.strip():
        raise ImproperlyConfigured(f"{name} has spaces around it: remove them.")
    if valid is not None and not valid(value):
        raise ImproperlyConfigured(f"{name} is not understood: {expected}.")
    if len(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} characters long.")
    if production and (value == development or value.lower().startswith(_INSECURE_PREFIXES)):
        raise ImproperlyConfigured(
            f"{name} is a development key: production needs its own random key (README)."
        )
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting; anything but the known words raises ImproperlyConfigured."""
    value = _raw(name)
    if value is None:
        return default
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _refuse(
        name,
        value,
        "use one of " + "/".join(sorted(TRUE_WORDS)) + " or " + "/".join(sorted(FALSE_WORDS)),
    )


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number within [minimum, maximum]; anything else raises ImproperlyConfigured."""
    value = _raw(name)
    if value is None:
        return default
    # int() would also take "1_000" and other scripts' digits; settings take plain digits only.
    number = int(value) if _INTEGER.fullmatch(value) else None
    if (
        number is None
        or (minimum is not None and number < minimum)
        or (maximum is not None and number > maximum)
    ):
        bounds = (
            f"from {minimum}" if minimum is not None else "",
            f"up to {maximum}" if maximum is not None else "",
        )
        expected = " ".join(["a whole number", *[b for b in bounds if b]])
        raise _refuse(name, value, expected)
    return number


def env_choice(name: str, choices: Iterable[str], default: str) -> str:
    """One of a closed set of words (compared without regard to case); returns it as listed."""
    value = _raw(name)
    if value is None:
        return default
    by_folded = {choice.casefold(): choice for choice in choices}
    if value.casefold() in by_folded:
        return by_folded[value.casefold()]
    raise _refuse(name, value, "use one of " + ", ".join(by_folded.values()))


def env_list(
    name: str,
    default: str = "",
    *,
    item: Callable[[str], bool] | None = None,
    expected: str = "",
) -> list[str]:
    """A comma-separated list; ``item`` (when given) must accept every entry.

    ``expected`` describes a valid entry for the message, e.g. "an IP address or network".
    """
    raw = os.environ.get(name)
    text = default if raw is None or not raw.strip() else raw
    entries = [part.strip() for part in text.split(",") if part.strip()]
    if item is not None:
        for entry in entries:
            if not item(entry):
                raise _refuse(name, entry, f"every entry must be {expected}")
    return entries


def is_host(entry: str) -> bool:
    """A host name, an IP address, "*" or ".example.org": no scheme, port or path."""
    return re.fullmatch(r"\*|\.?[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]", entry) is not None


def is_origin(entry: str) -> bool:
    """ "http(s)://host[:port]", nothing after it."""
    return re.fullmatch(r"https?://[^\s/?#]+", entry) is not None


def is_network(entry: str) -> bool:
    """An IP address or network ("10.0.0.0/24", "::1")."""
    try:
        ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
    return True


def is_ip_address(entry: str) -> bool:
    """An IP address ("127.0.0.1", "::1"): never a WebAuthn relying-party id."""
    try:
        ipaddress.ip_address(entry.strip("[]"))
    except ValueError:
        return False
    return True
