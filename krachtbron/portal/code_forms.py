"""The form of the typed code (``/code/``, ``code_views``): one field, forgiving how it is typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.lib.typed_code import LENGTH, MAX_TYPED, normalized

#: Said for a code that cannot be one (wrong length, a character no code has).
NOT_A_CODE = _(
    "Dit is geen goede code. Een code heeft 20 tekens: cijfers en hoofdletters. "
    "Kijk nog een keer goed naar je brief of bericht."
)
#: Said for a code that could be one, but that we do not know.
UNKNOWN_CODE = _(
    "Deze code kennen we niet. Kijk of je elk teken goed hebt overgetypt. "
    "Lukt het niet? Vraag je hulpverlener om een nieuwe code."
)


class CodeForm(Form):
    code = PlainTextField(
        label=_("Je code"),
        help_text=_("Een code heeft 20 tekens. Kleine letters en spaties mogen ook."),
        max_length=MAX_TYPED,
        error_messages={
            "required": _("Typ de code van je brief of bericht."),
            "max_length": NOT_A_CODE,
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "code-input",
            }
        ),
    )

    def clean_code(self) -> str:
        """The code without spaces and hyphens, in capitals (``lib.typed_code.normalized``)."""
        code = normalized(self.cleaned_data["code"])
        if code is None or len(code) != LENGTH:
            raise ValidationError(NOT_A_CODE, code="invalid")
        return code

    def unknown(self) -> None:
        """Mark the code as unknown (the typed text stays in the field)."""
        self.add_error("code", ValidationError(UNKNOWN_CODE, code="unknown"))
