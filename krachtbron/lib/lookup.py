"""Reading an id from a URL or a form before it goes near the database."""

from typing import Any

from django.http import Http404

from krachtbron.lib.digits import ascii_int

#: The largest key a bigint column holds; a larger number would be a database error, not a 404.
MAX_PK = 2**63 - 1


def pk_or_none(value: Any) -> int | None:
    """`value` as a primary key (1 up to MAX_PK), else None: text, None, 0, negative or too large
    numbers are no key at all, and so is text that is not plain ASCII digits ("²", "١٢",
    " 12", "1_0": ``lib/digits.ascii_int``)."""
    number = ascii_int(value)
    return number if number is not None and 0 < number <= MAX_PK else None


def pk_or_404(value: Any) -> int:
    """`value` as a primary key, else Http404 (see `pk_or_none`): the same answer as an id that
    does not exist."""
    number = pk_or_none(value)
    if number is None:
        raise Http404
    return number
