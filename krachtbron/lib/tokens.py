"""Personal link tokens (SECURITY.md 4): 256 random bits, stored only as a sha256 hash."""

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32  # 256 bits; token_urlsafe(32) gives 43 characters
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")
# Receipts are read aloud on the phone: no 0/O or 1/I/L.
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def is_well_formed(token: object) -> bool:
    """A cheap check before any database work: malformed, truncated or huge tokens stop here."""
    return isinstance(token, str) and _TOKEN_RE.fullmatch(token) is not None


def token_matches(token: str, token_hash: str) -> bool:
    """Constant-time comparison of a presented token with a stored hash."""
    return hmac.compare_digest(hash_token(token), token_hash)


def new_receipt() -> str:
    body = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}"
