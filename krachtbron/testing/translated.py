"""Which catalogue strings a piece of code translates: a recorder around Django's gettext.

``translated()`` records the msgid (``"context\\x04msgid"`` for a ``pgettext``) of every string
Django translates while the block runs, in any language: ``{% translate %}``, ``gettext``, a
lazy string turned into text, the plurals. The real translation still runs (the recorder only
listens), so a page rendered inside the block is the page a reader gets.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from gettext import GNUTranslations

from django.utils.translation.trans_real import DjangoTranslation


@contextmanager
def translated() -> Iterator[set[str]]:
    """A set that fills with the msgids translated inside the ``with`` block."""
    seen: set[str] = set()

    def gettext(self, message):
        seen.add(message)
        return GNUTranslations.gettext(self, message)

    def ngettext(self, singular, plural, number):
        seen.add(singular)
        return real_ngettext(self, singular, plural, number)

    real_ngettext = DjangoTranslation.ngettext
    DjangoTranslation.gettext = gettext  # type: ignore[method-assign]
    DjangoTranslation.ngettext = ngettext  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del DjangoTranslation.gettext
        DjangoTranslation.ngettext = real_ngettext  # type: ignore[method-assign]
