"""The WebAuthn ceremonies of Mijn Krachtbron, done by the maintained ``webauthn`` library.

Nothing here stores anything or knows about sessions: it builds the options a browser needs
(``navigator.credentials.create`` / ``.get``) and checks what the browser sends back against
the challenge, the relying-party id and the origins from settings. A passkey is resident
(discoverable), so signing in needs no user name; user verification (the phone's PIN,
fingerprint or face) is asked for where the device can, not required, so that a phone without
a screen lock can still be used (docs/mijn-krachtbron.md says why).
"""

import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

#: The largest credential response we read (a passkey's answer is about 1–2 kB).
MAX_RESPONSE_CHARS = 16_000
#: How long the browser may take (milliseconds), as the options tell it.
TIMEOUT_MS = 5 * 60 * 1000


class PasskeyError(Exception):
    """The browser's answer is not a valid passkey answer for this challenge, site and key."""


@dataclass(frozen=True)
class Ceremony:
    """Options for the browser (JSON text) and the challenge to keep in the session."""

    options_json: str
    challenge: str  # base64url


@dataclass(frozen=True)
class NewPasskey:
    credential_id: str  # base64url
    public_key: bytes
    sign_count: int


def new_user_handle() -> bytes:
    """A random user handle for a member's passkeys: no name or id goes to the authenticator."""
    return secrets.token_bytes(32)


def registration(
    *, user_handle: bytes, user_name: str, display_name: str, exclude: list[str]
) -> Ceremony:
    """Options to make a resident passkey; ``exclude``: the member's passkeys (base64url ids),
    so the same device does not make a second one."""
    options = generate_registration_options(
        rp_id=settings.PORTAL_RP_ID,
        rp_name=settings.PORTAL_NAME,
        user_id=user_handle,
        user_name=user_name,
        user_display_name=display_name,
        timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            require_resident_key=True,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(cid)) for cid in exclude
        ],
    )
    return Ceremony(options_to_json(options), bytes_to_base64url(options.challenge))


def authentication() -> Ceremony:
    """Options to sign in with any passkey of this site (discoverable: no user name)."""
    options = generate_authentication_options(
        rp_id=settings.PORTAL_RP_ID,
        timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return Ceremony(options_to_json(options), bytes_to_base64url(options.challenge))


def _parsed(response: str) -> dict[str, Any]:
    if not isinstance(response, str) or not 0 < len(response) <= MAX_RESPONSE_CHARS:
        raise PasskeyError("no or too long a response")
    try:
        data = json.loads(response)
    except ValueError as error:
        raise PasskeyError("not JSON") from error
    if not isinstance(data, dict):
        raise PasskeyError("not a JSON object")
    return data


def credential_id_of(response: str) -> str | None:
    """The credential id (base64url) a sign-in answer names, or None for a malformed answer."""
    try:
        value = _parsed(response).get("id")
    except PasskeyError:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= 1400:
        return None
    return value


def verify_new(response: str, challenge: str) -> NewPasskey:
    """Check the answer to ``registration``; raises ``PasskeyError``."""
    try:
        verified = verify_registration_response(
            credential=_parsed(response),
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=settings.PORTAL_RP_ID,
            expected_origin=list(settings.PORTAL_ORIGINS),
            require_user_verification=False,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise PasskeyError(type(error).__name__) from error
    return NewPasskey(
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )


def verify_sign_in(response: str, challenge: str, *, public_key: bytes, sign_count: int) -> int:
    """Check the answer to ``authentication`` with the stored key; returns the new sign count.
    Raises ``PasskeyError`` (a wrong origin, challenge or signature, a sign count that went
    back: a cloned key)."""
    try:
        verified = verify_authentication_response(
            credential=_parsed(response),
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=settings.PORTAL_RP_ID,
            expected_origin=list(settings.PORTAL_ORIGINS),
            credential_public_key=public_key,
            credential_current_sign_count=sign_count,
            require_user_verification=False,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise PasskeyError(type(error).__name__) from error
    return verified.new_sign_count
