"""Whole numbers from request data, written in ASCII digits only.

``str.isdigit()`` is true for superscripts (²), circled digits (①) and other scripts' digits,
and ``int()`` reads some of those and refuses others, and also reads " 12 " and "1_000". A
number in a query string, a form field the browser fills in, a URL or a header is always
written by our own pages in ASCII digits: anything else is not a number, and the caller shows
its own Dutch message (or a 404: ``lib/lookup.pk_or_none`` reads keys with it) instead of
failing with a ValueError (a 500).

Forms where a person types a number (the month field, a score in the CLI) may read other
scripts' digits on purpose; they use their own rules, not this one.
"""

import re
from typing import Any

_UNSIGNED = re.compile(r"[0-9]{1,19}", re.ASCII)
_SIGNED = re.compile(r"[+-]?[0-9]{1,19}", re.ASCII)


def ascii_int(value: Any, *, signed: bool = False) -> int | None:
    """``value`` as an int when it is one (not a bool) or a text of 1–19 ASCII digits (with
    a leading + or - only when ``signed``); None for anything else, never an exception."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if signed or value >= 0 else None
    if not isinstance(value, str):
        return None
    pattern = _SIGNED if signed else _UNSIGNED
    return int(value) if pattern.fullmatch(value) else None
