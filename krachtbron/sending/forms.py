"""The forms beside a personal link: send it by e-mail or by text message (SMS).

Both post to the same address with a hidden ``channel`` ("email" or "sms"); ``send_form``
picks the form that was posted."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainEmailField, check_plain_text
from krachtbron.sending.models import Channel
from krachtbron.sending.phone import normalise_mobile

INVALID = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Taal van het bericht"),
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )


class SendEmailForm(Form):
    """An e-mail address (an ``EmailField``: Django's ``EmailValidator``, whose "invalid" gets
    the Dutch message below; no invisible characters) and the
    message's language (default: the member's). The address is kept only until the message
    is sent (docs/versturen.md)."""

    address = PlainEmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": INVALID,
            "max_length": _("Een e-mailadres is hoogstens 254 tekens lang."),
        },
    )
    language = _language_field()
    channel = Channel.EMAIL

    def __init__(self, *args: object, language: str = "nl", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].initial = language


class MobileNumberField(forms.CharField):
    """A mobile number as typed, cleaned to E.164 (phone.py); an invisible character gets the
    message of every text field (lib/text.py) rather than "no phone number"."""

    def clean(self, value: object) -> str:
        text: str = super().clean(value)
        return normalise_mobile(check_plain_text(text)) if text else text


class SendSmsForm(Form):
    """A mobile number (phone.py: Dutch and international, stored in E.164) and the message's
    language. The number is kept only until the message is sent (docs/versturen.md)."""

    number = MobileNumberField(
        label=_("Mobiel nummer"),
        max_length=32,
        help_text=_(
            "Bijvoorbeeld 06 1234 5678, of +32 470 12 34 56 voor een nummer buiten Nederland."
        ),
        error_messages={
            "required": _("Vul het mobiele nummer in."),
            "max_length": _("Een telefoonnummer is hoogstens 32 tekens lang."),
        },
    )
    language = _language_field()
    channel = Channel.SMS

    def __init__(self, *args: object, language: str = "nl", **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "sms-%s")  # beside the e-mail form on one page
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].initial = language
        self.fields["number"].widget.attrs.update(
            {"type": "tel", "autocomplete": "off", "inputmode": "tel"}
        )


SendForm = SendEmailForm | SendSmsForm


def send_form(data: object, *, language: str) -> SendForm:
    """The bound form of the channel posted in ``data`` (a QueryDict): SMS when its
    ``channel`` is "sms", else e-mail."""
    chosen = data.get("channel") if hasattr(data, "get") else None
    form_class = SendSmsForm if chosen == Channel.SMS else SendEmailForm
    return form_class(data, language=language)
