"""An instrument in the language of the interface, for staff pages.

Answers are stored per item id, whatever language they were given in, so a page may show the
items in the reader's language. English files are marked translations of the Dutch original;
when an instrument has no file in the interface language the original is shown.
"""

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from krachtbron.instruments import Instrument, available_languages, get_instrument

#: One word per section for chart legends (the tables beside them have the full titles). The
#: three instruments share these section ids.
SHORT_SECTION_NAMES = {
    "situatie": _("Situatie"),
    "sociaal": _("Sociaal"),
    "competentioneel": _("Competentioneel"),
    "motivationeel": _("Motivationeel"),
}


def short_section_name(section: Any) -> str:
    return str(SHORT_SECTION_NAMES.get(section.id, section.title))


def instrument_for_reader(instrument_id: str, version: str | None = None) -> Instrument:
    language = (get_language() or "nl")[:2]
    languages = available_languages(instrument_id, version)
    if language not in languages:
        language = languages[0]
    return get_instrument(instrument_id, language, version)
