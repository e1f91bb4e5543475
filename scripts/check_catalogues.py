#!/usr/bin/env python
"""Is every family string translated in every family language? (`make check`; issue 17 item 4.)

A *family string* is a catalogue entry whose ``#:`` references include a family-facing source
(``krachtbron.lib.family_text.is_family_source``: the files of ``FAMILY_SOURCES`` and every
template they include or extend; ``testing/test_family_strings.py`` fails when a family page
shows a catalogue string from elsewhere). The family strings are read from the English
catalogues (kept complete and current by ``lib/tests/test_english.py`` and the makemessages step
in CONTRIBUTING.md). For each language of ``settings.LANGUAGES`` other than Dutch (the source),
and for each catalogue directory (``krachtbron/locale`` and ``krachtbron/questionnaires/locale``),
the language's ``django.po`` must exist, hold every family string, translated (every plural form),
not fuzzy, with the msgid's placeholders, and its ``django.mo`` must give the same translations.
Exit status 1 with one line per problem (at most 20 per catalogue, then a count), 0 when complete.

    .venv/bin/python scripts/check_catalogues.py [--language ar] [--verbose]
"""

from __future__ import annotations

import argparse
import gettext
import os
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIRS = (ROOT / "krachtbron" / "locale", ROOT / "krachtbron" / "questionnaires" / "locale")
REFERENCE_LANGUAGE = "en"
SOURCE_LANGUAGE = "nl"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
SHOWN = 20


def family_entries(po: polib.POFile) -> list[polib.POEntry]:
    from krachtbron.lib.family_text import is_family_source

    return [
        entry
        for entry in po
        if not entry.obsolete and any(is_family_source(path) for path, _line in entry.occurrences)
    ]


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _plural_count(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def _compiled(
    compiled: gettext.GNUTranslations | None, entry: polib.POEntry, nplurals: int
) -> list[str] | None:
    """What the compiled catalogue gives for ``entry`` (None when there is no .mo)."""
    if compiled is None:
        return None
    if entry.msgid_plural:
        # Not every plural form is reachable through ngettext; read the compiled table.
        catalog = compiled._catalog  # type: ignore[attr-defined]
        key = (f"{entry.msgctxt}\x04" if entry.msgctxt else "") + entry.msgid
        return [catalog.get((key, k), "") for k in range(nplurals)]
    if entry.msgctxt is not None:
        return [compiled.pgettext(entry.msgctxt, entry.msgid)]
    return [compiled.gettext(entry.msgid)]


def _load_mo(path: Path) -> gettext.GNUTranslations | None:
    if not path.exists():
        return None
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)


def problems_of(directory: Path, language: str) -> list[str]:
    """Every problem of ``language``'s catalogue in ``directory``, one readable line each."""
    reference_path = directory / REFERENCE_LANGUAGE / "LC_MESSAGES" / "django.po"
    wanted = family_entries(polib.pofile(str(reference_path)))
    po_path = directory / language / "LC_MESSAGES" / "django.po"
    where = po_path.relative_to(ROOT)
    if not po_path.exists():
        return [f"{where}: missing ({len(wanted)} family strings to translate)"]
    po = polib.pofile(str(po_path))
    nplurals = _plural_count(po)
    have = {_key(entry): entry for entry in po if not entry.obsolete}
    compiled = _load_mo(po_path.with_suffix(".mo"))
    problems = []
    for reference in wanted:
        entry = have.get(_key(reference))
        label = f"{where}: {reference.msgid[:70]!r}"
        if entry is None:
            problems.append(f"{label}: not in the catalogue (run makemessages -l {language})")
            continue
        translations = _translations(entry)
        if entry.msgid_plural and len(translations) != nplurals:
            problems.append(f"{label}: {len(translations)} plural forms, want {nplurals}")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{label}: fuzzy")
            continue
        if not all(translations):
            problems.append(f"{label}: untranslated")
            continue
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        if any(sorted(set(PLACEHOLDER.findall(text))) != expected for text in translations):
            problems.append(f"{label}: placeholders differ from the msgid")
            continue
        if _compiled(compiled, entry, nplurals) != translations:
            problems.append(f"{label}: django.mo is stale (run compilemessages -l {language})")
    return problems


def family_languages() -> list[str]:
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--language", action="append", help="check only this language")
    parser.add_argument("--verbose", action="store_true", help="list every problem")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krachtbron.settings")
    import django

    django.setup()
    failed = False
    for language in args.language or family_languages():
        for directory in CATALOGUE_DIRS:
            problems = problems_of(directory, language)
            if problems:
                failed = True
                shown = problems if args.verbose else problems[:SHOWN]
                print("\n".join(shown))
                if len(problems) > len(shown):
                    print(f"... and {len(problems) - len(shown)} more for {language} (--verbose)")
    if failed:
        print("Family strings are missing in the catalogues above: docs/talen.md says how to fix.")
        return 1
    print(f"Family catalogues complete: {', '.join(args.language or family_languages())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
