"""Rules for text that people type: NFC-normalised, no characters XML forbids (SECURITY.md 13).

Every text a person types goes through `PlainTextField`; every writer of a file that someone
opens elsewhere (SVG, PDF, CSV) passes text through `without_forbidden` as well, so a character
in old data that the rule now refuses can never break a file.

Refused, because XML 1.0 forbids them or because they are no text at all:

- control characters: C0 (U+0000–U+001F) except tab, line feed and carriage return in a text
  area; DEL (U+007F); and C1 (U+0080–U+009F). XML 1.0 allows DEL and C1, but nobody types
  them: they arrive by pasting text decoded with the wrong code page, and they are invisible.
- surrogate halves (U+D800–U+DFFF): half of a character, never a character by itself.
- noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
  U+1FFFE, …, U+10FFFF). Unicode reserves them for internal use; XML forbids U+FFFE/U+FFFF.

Allowed: every script, emoji, private-use characters, and the invisible format characters that
writing needs (zero-width joiners for emoji and Arabic, bidi marks). Bidi overrides are
allowed too: they are isolated on display (`krachtbron/lib/bidi.py`).
"""

import unicodedata
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Tab, newline and carriage return are the only control characters a textarea may hold.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def forbidden_kind(char: str, multiline: bool = False) -> str | None:
    """Why ``char`` is refused ("control", "surrogate", "noncharacter"), or None if allowed."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return None if multiline and char in _ALLOWED_CONTROLS else "control"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "noncharacter"
    return None


def forbidden_characters(value: str, multiline: bool = False) -> Iterator[tuple[int, str, str]]:
    """(position from 0, character, kind) of every refused character in ``value``."""
    for position, char in enumerate(value):
        # Fast path: ordinary characters are never refused.
        if " " <= char < "\x7f" or "\xa0" <= char < "\ud800":
            continue
        kind = forbidden_kind(char, multiline)
        if kind is not None:
            yield position, char, kind


def has_forbidden_characters(value: str, multiline: bool = False) -> bool:
    return next(forbidden_characters(value, multiline), None) is not None


def without_forbidden(value: str) -> str:
    """``value`` without the characters the input rule refuses (tab and line ends stay).

    For writers of files (SVG, PDF, CSV): old data may hold a character that the rule now
    refuses; it has no visible form, so leaving it out changes nothing a reader sees."""
    if not has_forbidden_characters(value, multiline=True):
        return value
    return "".join(c for c in value if forbidden_kind(c, multiline=True) is None)


_KIND_NAMES = {
    "control": _("een stuurteken"),
    "surrogate": _("een half teken"),
    "noncharacter": _("een gereserveerd teken"),
}


def forbidden_message(value: str, multiline: bool = False) -> str | None:
    """A Dutch message naming the first refused character by its code (never the character
    itself: it is invisible, and shown raw it could break the page), or None."""
    found = list(forbidden_characters(value, multiline))
    if not found:
        return None
    position, char, kind = found[0]
    details = {
        "what": _KIND_NAMES[kind],
        "code": f"U+{ord(char):04X}",
        "position": position + 1,
        "count": len(found),
    }
    first = _(
        "Deze tekst bevat een onzichtbaar teken dat niet is toegestaan: %(what)s (%(code)s) "
        "op plaats %(position)s."
    )
    if len(found) == 1:
        rest = _("Haal het weg en probeer het opnieuw.")
    else:
        rest = _("Er zijn %(count)s van zulke tekens. Haal ze weg en probeer het opnieuw.")
    return f"{first % details} {rest % details}"


class PlainTextField(forms.CharField):
    """A CharField that normalises to NFC and refuses the characters XML forbids (see above)."""

    def __init__(self, *args: Any, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        return normalise_text(text) if text else (text or "")

    def validate(self, value: str) -> None:
        super().validate(value)
        message = forbidden_message(value, self.multiline) if value else None
        if message:
            raise ValidationError(message, code="control_characters")


def check_plain_text(value: str, multiline: bool = False) -> str:
    """The rule of `PlainTextField` for text that does not come through a form (a command's
    argument): the NFC text, or ValidationError with the same Dutch message."""
    text = normalise_text(value)
    message = forbidden_message(text, multiline)
    if message:
        raise ValidationError(message, code="control_characters")
    return text


class PlainEmailField(forms.EmailField):
    """An e-mail address without invisible characters.

    Django's EmailField accepts every character from U+00A1 in the domain (for international
    domain names), U+FFFE and U+202E included. An address never needs an invisible or a bidi
    formatting character (category Cf), and one would make it look like another address."""

    def validate(self, value: str) -> None:
        super().validate(value)
        for position, char in enumerate(value or ""):
            if forbidden_kind(char) or unicodedata.category(char) == "Cf":
                raise ValidationError(
                    _(
                        "Een e-mailadres kan geen onzichtbare tekens bevatten: %(code)s op "
                        "plaats %(position)s. Haal het weg en probeer het opnieuw."
                    ),
                    code="control_characters",
                    params={"code": f"U+{ord(char):04X}", "position": position + 1},
                )


# --- Names that must be unique: one canonical form, compared folded ----------------------------

# Joiners that writing needs (emoji sequences, Persian and Arabic): the only format characters
# a unique name keeps.
_KEPT_FORMAT = frozenset("\u200c\u200d")


def canonical_name(value: str) -> str:
    """A unique name (team name, dossier number) as it is stored: NFC, every run of whitespace
    (also a non-breaking space) one space, no spaces around it, and no invisible format
    characters (zero-width space, bidi controls, ...) except the joiners writing needs."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(c for c in text if c in _KEPT_FORMAT or unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def name_key(value: str) -> str:
    """How two unique names are compared: the canonical name folded with NFKC (full-width
    letters, ligatures), without any format character, case-folded. "Team Oost",
    "team  oost", "TEAM\\u00a0OOST" and "Ｔｅａｍ Oost\\u200b" have one key."""
    text = unicodedata.normalize("NFKC", canonical_name(value))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split()).casefold()
