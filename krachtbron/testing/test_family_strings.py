"""Every catalogue string a family reads is a family string (docs/talen.md, "Which text is
family text").

``scripts/check_catalogues.py`` demands a translation in every family language for the strings
of the family sources (``lib.family_text.is_family_source``). This test checks that list
against what the family pages really show: it opens every family page, message and PDF of the
readability sweep (``testing/family_pages.py``) for members whose language is Arabic, and Mijn
Krachtbron after the help closed (home with the closing notice and the phone numbers, the
netwerkplan, the check-in), while ``testing.translated`` records every msgid Django translates.
A recorded msgid of our catalogues whose ``#:`` references name no family source fails: that
string would reach a family unchecked (a template of a staff app included by a family page, a
label built in a module such as ``networkplan/plan.py``). Fix: list the module in
``FAMILY_SOURCES`` and translate its strings, or, when the string only looks like it is shown,
name it in ``NOT_SHOWN`` with why.

What a family page may show in Dutch is no catalogue string and so is not recorded: what people
typed and names (in ``<bdi>``), the handreiking's instrument items (the instrument's own text),
the knowledge cards (Dutch content, marked ``lang="nl"``).
"""

import polib
import pytest
from django.urls import reverse

from krachtbron.portal import actions
from krachtbron.testing.source import catalogue_check
from krachtbron.testing.test_family_readability import _all_pages
from krachtbron.testing.translated import translated

# What this checks is what the pages show: once, on SQLite (conftest.py, `render`).
pytestmark = [pytest.mark.render, pytest.mark.django_db]

#: msgids translated while a family page is made that the family never reads, and why.
NOT_SHOWN: dict[str, str] = {}


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _catalogue() -> tuple[dict[str, polib.POEntry], set[str]]:
    """Every entry of our catalogues by its gettext key, and the keys of the family strings."""
    check = catalogue_check()
    every: dict[str, polib.POEntry] = {}
    family: set[str] = set()
    for directory in check.CATALOGUE_DIRS:
        po = polib.pofile(str(directory / check.REFERENCE_LANGUAGE / "LC_MESSAGES" / "django.po"))
        every.update((_key(e), e) for e in po if not e.obsolete)
        family |= {_key(e) for e in check.family_entries(po)}
    return every, family


def _after_closing(org) -> list[str]:
    """Mijn Krachtbron of a closed family, in Arabic: home (the closing notice, its phone
    numbers and the check-in's button), the netwerkplan with its numbers, and the check-in.
    The other family's (Lotte's): the sweep leaves Fatima's family as its routes made it."""
    from krachtbron.aftercare.tests.helpers import open_check_in
    from krachtbron.testing.personas import client_for

    follow_up = open_check_in(org.other_adviser, org.other_family)
    member = client_for(org, "other_member")
    pages = [
        member.get(reverse("portal:home")),
        member.get(reverse("portal:network_plan")),
        member.get(reverse("portal:followup", args=[follow_up.pk])),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    return [page.content.decode() for page in pages]


def test_every_catalogue_string_on_a_family_page_is_a_family_string(org, monkeypatch):
    for member in (org.member, org.youth, org.other_member):
        actions.choose_language(member, "ar")
    with translated() as seen:
        pages = _all_pages(org, monkeypatch)
        closed = _after_closing(org)
    assert len(pages) > 80 and all('dir="rtl"' in html for html in closed)
    every, family = _catalogue()
    escaped = sorted(
        f"{key!r} ({', '.join(path for path, _line in every[key].occurrences)})"
        for key in seen
        if key in every and key not in family and key not in NOT_SHOWN
    )
    assert escaped == [], "Family pages show strings check_catalogues.py does not demand:\n" + (
        "\n".join(escaped)
    )
    assert {"Bij direct gevaar", "De hulp is afgesloten", "Ons plan"} <= seen & family
