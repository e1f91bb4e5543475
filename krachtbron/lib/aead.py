"""Sealing bytes with AES-256-GCM and the key ``ANSWER_SEAL_KEY`` (outside the database).

The one place that seals what must wait in the database for a while and may not be readable
there: the address and link of a message until it is sent (``sending.secret``) and a PDF made
in the background until it is downloaded (``families.prepared``). Each sealed value is bound
to what it belongs to by the associated data (``"krachtbron-delivery:12"``): copied to another
row it does not open. Stored as nonce (12 random bytes) + ciphertext and tag.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


class SealError(Exception):
    """A sealed value does not open (another key, changed bytes or another row)."""


def _cipher() -> AESGCM:
    return AESGCM(base64.urlsafe_b64decode(settings.ANSWER_SEAL_KEY))


def seal_bytes(plain: bytes, associated: bytes) -> bytes:
    """Nonce + ciphertext of ``plain``, bound to ``associated`` (say which row it is for)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _cipher().encrypt(nonce, plain, associated)


def open_bytes(sealed: bytes | memoryview, associated: bytes) -> bytes:
    """The bytes sealed with ``seal_bytes`` for ``associated``; ``SealError`` when they do
    not open."""
    data = bytes(sealed)
    try:
        return _cipher().decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], associated)
    except InvalidTag as error:
        raise SealError("sealed value does not open") from error
