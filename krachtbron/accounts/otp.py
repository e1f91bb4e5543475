"""TOTP devices: one confirmed authenticator per staff member (django-otp)."""

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.models import User
from krachtbron.lib.qr import qr_svg

DEVICE_NAME = "authenticator"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device shown during set-up; made once, so a reload shows the same QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


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
