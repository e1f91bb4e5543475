"""The typed code beside a personal link (docs/security.md, "Links en codes").

A parent without a camera or a working link types a code on ``/code/`` instead: 20 characters in
five groups of four, from 31 characters without look-alikes (no 0/O, no 1/I/L), so
20 × log2(31) ≈ 99 random bits (SECURITY.md: at least 80). Case, spaces and hyphens do not
matter when it is typed.

The code is drawn from the link's own token (``lib.tokens.new_token``: 256 bits from
``secrets``) through sha256, not made separately. So every place that holds the link for a
moment — the share page, the printed letter and its PDF (the token is posted back), the sealed
message — can show the code without a second secret to carry or seal, and the code cannot be
turned back into the link. Like the token, only the code's sha256 is stored (``hash_code``); a
code is never a URL, never logged.
"""

import hashlib
import hmac
import math
import re
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse

#: Digits 2-9 and the capitals without I, L and O (no 0/O, 1/I/L): 31 symbols.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 20
GROUP = 4
#: The random bits of one code: 20 × log2(31) ≈ 99.1.
BITS = LENGTH * math.log2(len(ALPHABET))
#: A typed code longer than this is refused unread (spaces and hyphens included).
MAX_TYPED = 64

_DOMAIN = b"krachtbron-typed-code:"
_CODE_RE = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")
# Ignored when typed: spaces of every kind and hyphens and dashes (a phone may make "-" a dash).
_IGNORED_RE = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def code_for_token(token: str) -> str:
    """The code of a link's ``token``: ``LENGTH`` characters of ``ALPHABET``, without groups.

    sha256 of the token read as a number, written in base 31: the number is 256 bits and
    31**20 about 2**99, so every code is as likely as any other (the bias is below 2**-150).
    """
    digest = hashlib.sha256(_DOMAIN + token.encode("utf-8", "surrogatepass")).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def grouped(code: str) -> str:
    """``code`` as it is printed: groups of four separated by a space ("ABCD EFGH …")."""
    return " ".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalized(typed: object) -> str | None:
    """The code in ``typed`` (any case, spaces and hyphens anywhere), or None when it cannot be
    one: not text, too long, the wrong length or a character outside ``ALPHABET``."""
    if not isinstance(typed, str) or len(typed) > MAX_TYPED:
        return None
    code = _IGNORED_RE.sub("", typed)
    if not code.isascii():  # before upper(): "ß".upper() is "SS"
        return None
    code = code.upper()
    return code if _CODE_RE.fullmatch(code) else None


def hash_code(code: str) -> str:
    """sha256 hex of a normalized code: what is stored and looked up (64 characters)."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def code_hash_for_token(token: str) -> str:
    """The stored hash of the code of ``token`` (for the row that stores the token's hash)."""
    return hash_code(code_for_token(token))


def shown_code(token: str, code_hash: str | None) -> str:
    """The code of ``token`` as it is shown (``grouped``), or "" when the row of the link has no
    code (made before codes existed) or another one: a code is only shown when it works."""
    if not code_hash:
        return ""
    code = code_for_token(token)
    return grouped(code) if hmac.compare_digest(hash_code(code), code_hash) else ""


def code_address(request: HttpRequest) -> str:
    """Where a code is typed, as a person types it: host and path, without "https://" and the
    last slash (``/code`` is sent on to ``/code/``), e.g. "krachtbron.example.nl/code"."""
    return code_address_of(request.build_absolute_uri("/"))


def code_address_of(link: str) -> str:
    """``code_address`` on the site of ``link`` (an absolute URL: a message's personal link)."""
    return urlsplit(link).netloc + reverse("portal:code").rstrip("/")
