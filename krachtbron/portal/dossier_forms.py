"""The forms of Ons dossier (the member) and of the adviser's answer to a correction."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from krachtbron.families.file_copy import JSON, PDF
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.portal.dossier_actions import MAX_TEXT


class CorrectionForm(Form):
    """What is not right, in the member's words (the form's one-time key is read by the view,
    as ``{% form_key %}`` renders it)."""

    text = PlainTextField(
        label=_("Wat klopt er niet? Schrijf het hier op."),
        multiline=True,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Schrijf op wat er niet klopt."),
            "max_length": _("Dit is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError(_("Schrijf op wat er niet klopt."))
        return text


class AnswerForm(Form):
    answer = PlainTextField(
        label=_("Antwoord aan het gezinslid"),
        multiline=True,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf een antwoord."),
            "max_length": _("Dit is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )


class CopyFormatForm(Form):
    format = forms.ChoiceField(
        choices=[(PDF, "PDF"), (JSON, "JSON")],
        error_messages={
            "required": _("Kies PDF of JSON."),
            "invalid_choice": _("Kies PDF of JSON."),
        },
    )


def _languages() -> list[tuple[str, object]]:
    return list(settings.LANGUAGES)


class LanguageForm(Form):
    """The member's language for Mijn Krachtbron and the plan PDF (``settings.LANGUAGES``)."""

    language = forms.ChoiceField(
        choices=_languages,
        error_messages={
            "required": _("Kies een taal uit de lijst."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )
