"""The form beside a personal link: send it by e-mail."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainEmailField

INVALID = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")


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
    language = forms.ChoiceField(
        label=_("Taal van het bericht"),
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )

    def __init__(self, *args: object, language: str = "nl", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].initial = language
