"""A software passkey authenticator for tests without a browser.

It makes real credentials, the way a phone does: an ES256 key pair, attestation "none", the
authenticator data and client data of WebAuthn Level 2, and a real signature over them. The
server checks them with the same library as for a real phone (py_webauthn), so a test can
also send what a phone never would: another origin, an old challenge, a revoked key. The
browser tests use Chromium's own virtual authenticator instead (testing/browser.py).
"""

import base64
import hashlib
import json
import os
import re
import struct
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def options_on(page: Any) -> dict[str, Any]:
    """The WebAuthn options a portal page gives its script (the #passkey-options block)."""
    html = page.content.decode() if hasattr(page, "content") else str(page)
    found = re.search(r'<script id="passkey-options" type="application/json">(.*?)</script>', html)
    assert found, "the page has no passkey options"
    return json.loads(unescape(found.group(1)))


@dataclass
class Credential:
    id: bytes
    key: ec.EllipticCurvePrivateKey
    user_handle: bytes
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    """Makes and uses resident passkeys; ``origin`` is where the "browser" says it is."""

    origin: str
    credentials: list[Credential] = field(default_factory=list)
    user_verified: bool = True

    def _flags(self, attested: bool) -> int:
        flags = 0x01  # user present
        if self.user_verified:
            flags |= 0x04
        if attested:
            flags |= 0x40
        return flags

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin or self.origin}
        ).encode()

    def create(self, options: dict[str, Any], *, origin: str | None = None) -> str:
        """The answer to navigator.credentials.create(options), as passkey.js posts it."""
        credential = Credential(
            id=os.urandom(16),
            key=ec.generate_private_key(ec.SECP256R1()),
            user_handle=from_b64url(options["user"]["id"]),
        )
        numbers = credential.key.public_key().public_numbers()
        cose = {
            1: 2,
            3: -7,
            -1: 1,
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }
        rp_hash = hashlib.sha256(options["rp"]["id"].encode()).digest()
        auth_data = (
            rp_hash
            + bytes([self._flags(attested=True)])
            + struct.pack(">I", credential.sign_count)
            + bytes(16)  # aaguid
            + struct.pack(">H", len(credential.id))
            + credential.id
            + cbor2.dumps(cose)
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        self.credentials.append(credential)
        return json.dumps(
            {
                "id": b64url(credential.id),
                "rawId": b64url(credential.id),
                "type": "public-key",
                "clientExtensionResults": {},
                "authenticatorAttachment": "platform",
                "response": {
                    "clientDataJSON": b64url(
                        self._client_data("webauthn.create", options["challenge"], origin)
                    ),
                    "attestationObject": b64url(attestation),
                    "transports": ["internal"],
                },
            }
        )

    def get(
        self,
        options: dict[str, Any],
        *,
        credential: Credential | None = None,
        origin: str | None = None,
        rp_id: str | None = None,
    ) -> str:
        """The answer to navigator.credentials.get(options) with a resident passkey (the
        newest, or ``credential``)."""
        credential = credential or self.credentials[-1]
        credential.sign_count += 1
        rp_hash = hashlib.sha256((rp_id or options["rpId"]).encode()).digest()
        auth_data = (
            rp_hash
            + bytes([self._flags(attested=False)])
            + struct.pack(">I", credential.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = credential.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": b64url(credential.id),
                "rawId": b64url(credential.id),
                "type": "public-key",
                "clientExtensionResults": {},
                "authenticatorAttachment": "platform",
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "authenticatorData": b64url(auth_data),
                    "signature": b64url(signature),
                    "userHandle": b64url(credential.user_handle),
                },
            }
        )
