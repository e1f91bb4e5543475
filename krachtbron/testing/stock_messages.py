"""Django's own error messages, read from Django's catalogue, to find one in a form's answer.

Every form of Krachtbron answers bad input in the project's words (``lib/form_messages.py``).
``stock_message(text)`` says whether ``text`` is one of Django's messages, in English (the
msgid) or Dutch (the translation), with any value filled in: the texts of every gettext call
in Django's form fields, validators, model fields, auth forms and password rules (``SOURCES``),
and their Dutch translations from the ``.po`` files Django ships.
"""

import ast
import re
from functools import cache
from pathlib import Path

import django
import polib

#: The Django sources whose translatable texts are the messages a form can give: form fields,
#: validators, model fields, the auth forms and password rules.
SOURCES = (
    "forms",
    "core/validators.py",
    "db/models",
    "contrib/auth/forms.py",
    "contrib/auth/password_validation.py",
    "contrib/auth/validators.py",
)
_CATALOGUES = (
    "conf/locale/nl/LC_MESSAGES/django.po",
    "contrib/auth/locale/nl/LC_MESSAGES/django.po",
)
_GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}
# "%(name)s", "%(name)d", "%d", "%s", "{min_days}": a value filled in.
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdrfi]|%[sdrfi]|\{[a-z_]+\}")


def _pattern(text: str) -> str:
    parts = _PLACEHOLDER.split(text)
    return ".+?".join(re.escape(part) for part in parts)


def _is_message(text: str) -> bool:
    # Leave out texts that are no sentence (a bare placeholder, a word like "Ja").
    return len(_PLACEHOLDER.sub("", text).split()) >= 3


def _source_texts(root: Path) -> set[str]:
    """The English texts of every gettext call in ``SOURCES``."""
    texts: set[str] = set()
    for source in SOURCES:
        path = root / source
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in _GETTEXT:
                    texts.update(
                        arg.value
                        for arg in node.args
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    )
    return texts


@cache
def stock_patterns() -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per text of Django's (English and Dutch, singular and plural)."""
    root = Path(django.__file__).parent
    english = _source_texts(root)
    texts = set(english)
    for path in _CATALOGUES:
        for entry in polib.pofile(str(root / path)):
            if entry.msgid in english or entry.msgid_plural in english:
                texts.update([entry.msgid, entry.msgid_plural, entry.msgstr])
                texts.update(entry.msgstr_plural.values())
    return tuple(
        re.compile(_pattern(text), re.DOTALL)
        for text in sorted(texts)
        if text and _is_message(text)
    )


def stock_message(text: str) -> str | None:
    """The catalogue text ``text`` is (a value filled in), or None when it is none of Django's."""
    for pattern in stock_patterns():
        if pattern.fullmatch(text.strip()):
            return pattern.pattern
    return None
