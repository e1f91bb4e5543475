"""A start-up check of the SMS settings: a mistyped ``SMS_BACKEND`` or a provider without its
key stops Krachtbron with a message that names the setting, rather than a message that later
hangs in "niet bevestigd" (docs/versturen.md). Never shows the key itself."""

from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.utils.module_loading import import_string

from krachtbron.sending.conf import text_setting

TWILIO = "krachtbron.sending.twilio_sms.TwilioSender"


@register()
def sms_settings_are_complete(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    backend = text_setting("SMS_BACKEND")
    try:
        import_string(backend)
    except ImportError:
        return [
            Error(
                f"SMS_BACKEND={backend[:80]!r} is no class Krachtbron can load.",
                hint="Leave it out (console) or use " + TWILIO + " (docs/versturen.md).",
                id="krachtbron.sending.E001",
            )
        ]
    sender = text_setting("SMS_SENDER")
    if not (sender.isalnum() and len(sender) <= 11) and not sender.startswith("+"):
        return [
            Error(
                "SMS_SENDER must be at most 11 letters and digits, or a phone number.",
                id="krachtbron.sending.E002",
            )
        ]
    missing = [
        name
        for name in ("SMS_TWILIO_ACCOUNT_SID", "SMS_TWILIO_AUTH_TOKEN")
        if backend == TWILIO and not text_setting(name)
    ]
    if missing:
        return [
            Error(
                f"SMS_BACKEND is Twilio, but {' and '.join(missing)} is empty.",
                hint="Set it in the environment (docs/versturen.md, Instellen).",
                id="krachtbron.sending.E003",
            )
        ]
    return []
