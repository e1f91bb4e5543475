"""Rules for text that people type: NFC-normalised, no control characters (SECURITY.md 13)."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Tab, newline and carriage return are the only control characters a textarea may hold.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def has_forbidden_characters(value: str, multiline: bool = False) -> bool:
    for char in value:
        if unicodedata.category(char) == "Cc":
            if multiline and char in _ALLOWED_CONTROLS:
                continue
            return True
    return False


class PlainTextField(forms.CharField):
    """A CharField that normalises to NFC and refuses NUL and other control characters."""

    def __init__(self, *args: object, multiline: bool = False, **kwargs: object) -> None:
        self.multiline = multiline
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        return normalise_text(text) if text else (text or "")

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and has_forbidden_characters(value, multiline=self.multiline):
            raise ValidationError(
                _("Deze tekst bevat onzichtbare tekens die niet zijn toegestaan. Haal ze weg."),
                code="control_characters",
            )
