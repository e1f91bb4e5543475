"""Sealing the answer sets of an open round (SECURITY.md 10).

While a round is open, its answer sets are kept apart from everything else, encrypted with
AES-256-GCM (authenticated: a changed or moved row fails to open). The key is the setting
``ANSWER_SEAL_KEY``, read from the environment, never stored in the database: a copy of the
database or a backup made during the round holds no readable answer.

Why not Fernet: a Fernet token carries its creation time in clear, which would order the sealed
rows in time, beside the participation rows. AES-GCM with a random nonce carries nothing but
the nonce. Each plaintext is padded to a fixed length, so the size of a sealed row does not
tell how many statements someone answered either. The round's id is the associated data: a
sealed row copied into another round does not open.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
#: Every plaintext is padded to a multiple of this many bytes (an answer set is ~150 bytes).
PADDED_LENGTH = 512


class SealError(Exception):
    """A sealed answer set does not open (wrong key, changed bytes or another round)."""


def _cipher() -> AESGCM:
    try:
        key = base64.urlsafe_b64decode(settings.ANSWER_SEAL_KEY)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("ANSWER_SEAL_KEY is not URL-safe base64.") from error
    if len(key) != 32:
        raise ImproperlyConfigured("ANSWER_SEAL_KEY must be 32 bytes (URL-safe base64).")
    return AESGCM(key)


def _associated(round_id: int) -> bytes:
    return f"krachtbron-round:{round_id}".encode()


def seal(round_id: int, payload: dict[str, Any]) -> bytes:
    """Encrypt ``payload`` (JSON-serialisable) for round ``round_id``: nonce + ciphertext."""
    plain = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    length = -(-len(plain) // PADDED_LENGTH) * PADDED_LENGTH
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _cipher().encrypt(nonce, plain.ljust(length, b" "), _associated(round_id))


def unseal(round_id: int, sealed: bytes | memoryview) -> dict[str, Any]:
    """The payload sealed for ``round_id``; ``SealError`` when it does not open."""
    data = bytes(sealed)
    try:
        plain = _cipher().decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], _associated(round_id))
    except InvalidTag as error:
        raise SealError("sealed answer set does not open") from error
    result: dict[str, Any] = json.loads(plain)
    return result
