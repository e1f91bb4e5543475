"""The address and the link of a message, sealed until it is sent (AES-256-GCM).

The personal link is a secret the database never holds in clear (SECURITY.md 4: only its hash);
the address is personal data. Between "versturen" and the send both must be kept, so they are
sealed with a key outside the database (``ANSWER_SEAL_KEY``, ``lib.aead``, as the sealed
answer sets of reflection/seal.py), bound to the delivery's id: a sealed value copied to another
row does not open. Once sent the sealed value is erased.
"""

import json

from krachtbron.lib.aead import SealError, open_bytes, seal_bytes

__all__ = ["SealError", "seal", "sealed_code", "unseal"]


def _associated(delivery_id: int) -> bytes:
    return f"krachtbron-delivery:{delivery_id}".encode()


def seal(delivery_id: int, address: str, link: str, code: str = "") -> bytes:
    """Nonce + ciphertext of ``{"address": …, "link": …}`` for delivery ``delivery_id``, with
    ``"code"``: the link's typed code (``lib.typed_code``), when it has one."""
    payload = {"address": address, "link": link, **({"code": code} if code else {})}
    plain = json.dumps(payload, separators=(",", ":")).encode()
    return seal_bytes(plain, _associated(delivery_id))


def _opened(delivery_id: int, sealed: bytes | memoryview) -> dict[str, str]:
    plain = open_bytes(sealed, _associated(delivery_id))
    return {key: str(value) for key, value in json.loads(plain).items()}


def unseal(delivery_id: int, sealed: bytes | memoryview) -> tuple[str, str]:
    """(address, link) sealed for ``delivery_id``; ``SealError`` when it does not open."""
    payload = _opened(delivery_id, sealed)
    return payload["address"], payload["link"]


def sealed_code(delivery_id: int, sealed: bytes | memoryview) -> str:
    """The typed code sealed for ``delivery_id`` (grouped, as shown), "" when none was sealed
    (a link without a code); ``SealError`` when it does not open."""
    return _opened(delivery_id, sealed).get("code", "")
