"""The form beside a personal link: send it by e-mail."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainEmailField
from krachtbron.sending.stops import is_stopped

INVALID = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")


class SendEmailForm(Form):
    """An e-mail address (an ``EmailField``: Django's ``EmailValidator``, whose "invalid" gets
    the Dutch message below; no invisible characters) and the
    message's language (default: the member's), and whether to remind (default yes). The
    address is kept only until the message is sent, or with reminders until the last one
    (docs/versturen.md)."""

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

    remind = forms.BooleanField(
        label=_("Stuur een herinnering als de link nog niet is gebruikt (hoogstens twee)"),
        required=False,
        initial=True,
        help_text=_("Dan bewaren we het adres tot de laatste herinnering of tot de link verloopt."),
    )

    def __init__(
        self, *args: object, language: str = "nl", member_id: int | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].initial = language
        #: The member stopped messages (stops.py): the form says so; sending refuses.
        self.stopped = member_id is not None and is_stopped(member_id)
