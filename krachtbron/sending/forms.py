"""The forms beside a personal link: send it by e-mail or by text message (SMS).

Both post to the same address with a hidden ``channel`` ("email" or "sms"); ``send_form``
picks the form that was posted. Both ask the message's language and whether to remind.
The share forms (``share_send_form``) are the same two for a family member who sends a
netwerkplan share's link: only the address (the share's language, no reminders)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainEmailField, check_plain_text
from krachtbron.sending.models import Channel
from krachtbron.sending.phone import normalise_mobile
from krachtbron.sending.stops import is_person_stopped, is_stopped

INVALID = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")


class MobileNumberField(forms.CharField):
    """A mobile number as typed, cleaned to E.164 (phone.py); an invisible character gets the
    message of every text field (lib/text.py) rather than "no phone number"."""

    def clean(self, value: object) -> str:
        text: str = super().clean(value)
        return normalise_mobile(check_plain_text(text)) if text else text


def _email_field() -> PlainEmailField:
    return PlainEmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": INVALID,
            "max_length": _("Een e-mailadres is hoogstens 254 tekens lang."),
        },
    )


def _number_field() -> MobileNumberField:
    return MobileNumberField(
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


def _tel(form: forms.Form) -> None:
    form.fields["number"].widget.attrs.update(
        {"type": "tel", "autocomplete": "off", "inputmode": "tel"}
    )


class _SendForm(Form):
    """What both channels ask beside the address: the message's language (default: the
    member's) and whether to remind (default yes; reminders.py)."""

    language = forms.ChoiceField(
        label=_("Taal van het bericht"),
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )
    remind = forms.BooleanField(
        label=_("Stuur een herinnering als de link nog niet is gebruikt (hoogstens twee)"),
        required=False,
        initial=True,
    )
    channel: Channel
    remind_help = _("Dan bewaren we het adres tot de laatste herinnering of tot de link verloopt.")

    def __init__(
        self, *args: object, language: str = "nl", member_id: int | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].initial = language
        self.fields["remind"].help_text = self.remind_help
        #: The member stopped messages (stops.py): the form says so; sending refuses.
        self.stopped = member_id is not None and is_stopped(member_id)


class SendEmailForm(_SendForm):
    """An e-mail address (an ``EmailField``: Django's ``EmailValidator``, whose "invalid" gets
    the Dutch message below; no invisible characters). The address is kept only until the
    message is sent, or with reminders until the last one (docs/versturen.md)."""

    field_order = ["address", "language", "remind"]
    address = _email_field()
    channel = Channel.EMAIL


class SendSmsForm(_SendForm):
    """A mobile number (phone.py: Dutch and international, stored in E.164). The number is
    kept only until the message is sent, or with reminders until the last one
    (docs/versturen.md)."""

    field_order = ["number", "language", "remind"]
    number = _number_field()
    channel = Channel.SMS
    remind_help = _("Dan bewaren we het nummer tot de laatste herinnering of tot de link verloopt.")

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "sms-%s")  # beside the e-mail form on one page
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _tel(self)


SendForm = SendEmailForm | SendSmsForm


def send_form(data: object, *, language: str, member_id: int | None = None) -> SendForm:
    """The bound form of the channel posted in ``data`` (a QueryDict): SMS when its
    ``channel`` is "sms", else e-mail."""
    chosen = data.get("channel") if hasattr(data, "get") else None
    form_class = SendSmsForm if chosen == Channel.SMS else SendEmailForm
    return form_class(data, language=language, member_id=member_id)


class _ShareSendForm(Form):
    """A family member sends a share's link to the person it is for (portal/share_send_views.py):
    only the address; the language is the share's, and there are no reminders."""

    channel: Channel

    def __init__(self, *args: object, network_person_id: int | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        #: The person stopped share messages (stops.py): the form says so; sending refuses.
        self.stopped = network_person_id is not None and is_person_stopped(network_person_id)


class ShareEmailForm(_ShareSendForm):
    """An e-mail address for a share message (as ``SendEmailForm``)."""

    address = _email_field()
    channel = Channel.EMAIL


class ShareSmsForm(_ShareSendForm):
    """A mobile number for a share message (as ``SendSmsForm``)."""

    number = _number_field()
    channel = Channel.SMS

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "sms-%s")  # beside the e-mail form on one page
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _tel(self)


ShareSendForm = ShareEmailForm | ShareSmsForm


def share_send_form(data: object, *, network_person_id: int) -> ShareSendForm:
    """The bound share form of the channel posted in ``data``: SMS when its ``channel`` is
    "sms", else e-mail."""
    chosen = data.get("channel") if hasattr(data, "get") else None
    form_class = ShareSmsForm if chosen == Channel.SMS else ShareEmailForm
    return form_class(data, network_person_id=network_person_id)
