"""TOTP devices: one confirmed authenticator per staff member (django-otp)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django_otp.middleware import is_verified as _otp_is_verified
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.models import User
from krachtbron.lib.qr import qr_svg

DEVICE_NAME = "authenticator"


def is_verified(user: User | AnonymousUser) -> bool:
    """Whether ``request.user`` passed the second factor in this session.

    django-otp's OTPMiddleware gives ``request.user`` an ``otp_device`` (None until a code is
    accepted) and an ``is_verified()`` method that tests it; neither is declared on the model,
    so this asks the same django-otp function by name, for the type checker's sake.
    """
    return bool(_otp_is_verified(user))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice | None:
    """The unconfirmed device shown during set-up; made once, so a reload shows the same QR.

    None once an app is connected. The user's row is locked first, so two tabs opening the
    page at once make one device, and none is made after another tab confirmed the app.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return None
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class CodeCheck:
    verified: bool
    throttled: bool  # refused unchecked: too many wrong codes just now


def check_code(device: TOTPDevice, code: str, *, confirm: bool = False) -> CodeCheck:
    """Check a TOTP code and use it up, atomically: one code signs in one session, ever.

    django-otp's ``verify_token`` reads ``last_t`` and the throttle counter, checks, and saves:
    two requests with the same code at the same moment would both pass. Here the device row is
    locked first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transaction holds
    the write lock), so the second request reads the first one's ``last_t`` and counter.
    With ``confirm`` the device is marked confirmed in the same transaction (the set-up step).
    """
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk).first()
        if locked is None or (confirm and locked.confirmed):
            return CodeCheck(verified=False, throttled=False)  # reset, or confirmed elsewhere
        allowed, _info = locked.verify_is_allowed()
        if not allowed:
            return CodeCheck(verified=False, throttled=True)
        verified = locked.verify_token(code)  # saves last_t, or counts the failure
        if verified and confirm:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
    return CodeCheck(verified=verified, throttled=False)


def qr_code(device: TOTPDevice) -> SafeString:
    """The provisioning URI as an inline SVG QR code."""
    return qr_svg(device.config_url, title=gettext("QR-code voor je authenticator-app"))


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now. Only ever displayed in demo mode."""
    assert settings.DEMO_MODE, "demo codes are only available in demo mode"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def reset_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
