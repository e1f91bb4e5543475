"""The English interface: the language switch works and the catalogue is complete.

Dutch is the source language; English comes from krachtbron/locale/en/LC_MESSAGES/django.po
(and the family questionnaire's own catalogue in krachtbron/questionnaires/locale). Every string
of every app is translated.
"""

import gettext
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES",
    Path(settings.BASE_DIR) / "krachtbron" / "questionnaires" / "locale" / "en" / "LC_MESSAGES",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]")


@pytest.fixture(autouse=True)
def _back_to_dutch():
    """The middleware activates a language per request; don't leak English into other tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _choose(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_adviser_sees_caseload_and_family_file_in_english(org, as_user):
    client = as_user(org.adviser)
    _choose(client, "en")

    response = client.get(reverse("families:caseload"))
    assert response["Content-Language"] == "en"
    caseload = html.unescape(response.content.decode())
    assert '<html lang="en" dir="ltr">' in caseload
    for text in (
        "My families",
        "Add a family",
        "1 family",
        "Search by family name, first name or file number",
    ):
        assert text in caseload
    for text in ("Mijn gezinnen", "Gezin toevoegen", "Uitloggen"):
        assert text not in caseload

    detail = _page(client, reverse("families:detail", args=[org.family.pk]))
    for text in ("Family members", "Add a family member", "The family's goals", "Sign out"):
        assert text in detail
    for text in ("Gezinsleden", "Doelen van het gezin", "Laatst gewijzigd"):
        assert text not in detail


def test_teamleider_sees_team_page_in_english(org, as_user):
    client = as_user(org.teamleider)
    _choose(client, "en")
    page = _page(client, reverse("families:team"))
    for text in ("My team", "Families per adviser", "Without an adviser", "Register a family"):
        assert text in page
    assert "Gezinnen per adviseur" not in page


def test_beheerder_sees_users_page_in_english(org, as_user):
    client = as_user(org.beheerder)
    _choose(client, "en")
    page = _page(client, reverse("accounts:user_list"))
    for text in ("Users", "Invite someone", "Team leader", "Administrator", "Role"):
        assert text in page
    assert "Iemand uitnodigen" not in page


def test_switching_back_brings_dutch_back(org, as_user):
    client = as_user(org.adviser)
    _choose(client, "en")
    assert "My families" in _page(client, reverse("families:caseload"))

    _choose(client, "nl")
    response = client.get(reverse("families:caseload"))
    assert response["Content-Language"] == "nl"
    caseload = html.unescape(response.content.decode())
    assert "Mijn gezinnen" in caseload and "Gezin toevoegen" in caseload
    assert "My families" not in caseload and "Add a family" not in caseload


PAGES_IN_ENGLISH = [
    # (who, url name, takes the family id, English on the page, Dutch that must be gone)
    ("adviser", "strengths:profile", True, ["Scaling questions", "Own score"], ["Eigen cijfer"]),
    (
        "adviser",
        "network:map",
        True,
        ["The family's network map", "Save a snapshot"],
        ["Netwerkkaart van het gezin"],
    ),
    (
        "adviser",
        "questionnaires:family",
        True,
        ["Invite to the questionnaire", "Building on the strengths of families"],
        ["Uitnodigen voor de vragenlijst"],
    ),
    (
        "adviser",
        "reflection:home",
        False,
        ["My reflection", "Fill in a new reflection"],
        ["Mijn reflectie"],
    ),
    (
        "teamleider",
        "insight:team",
        False,
        ["Questionnaire: team figures", "Building on the strengths of families"],
        ["Aansluiten bij de kracht van gezinnen", "cijfers van het team"],
    ),
    (
        "teamleider",
        "insight:dashboard",
        False,
        ["Figures per questionnaire", "Average per section"],
        ["Gemiddelde per onderdeel"],
    ),
    (
        "teamleider",
        "insight:mirror",
        False,
        ["Team mirror", "Families about the team"],
        ["Gezinnen over het team"],
    ),
]


@pytest.mark.parametrize(("who", "name", "with_family", "english", "dutch"), PAGES_IN_ENGLISH)
def test_the_apps_pages_are_in_english(org, as_user, who, name, with_family, english, dutch):
    client = as_user(getattr(org, who))
    _choose(client, "en")
    page = _page(client, reverse(name, args=[org.family.pk] if with_family else []))
    for text in english:
        assert text in page
    for text in dutch:
        assert text not in page


# --- The catalogue ------------------------------------------------------------------------------


@dataclass
class Entry:
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translations(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]

    def where(self) -> str:
        return f"{self.msgid!r} ({', '.join(self.references) or 'no reference'})"


def _unquote(text: str) -> str:
    """A PO string literal without its quotes, with its escapes resolved."""
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A small PO parser: enough for the files makemessages writes (no obsolete entries)."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = Entry(), None
        for line in block.strip().splitlines():
            if line.startswith("#:"):
                entry.references += [ref.rsplit(":", 1)[0] for ref in line[2:].split()]
            elif line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert key is not None, f"continuation without a keyword in {path}: {line}"
                entry.fields[key] += _unquote(line)
            else:
                key, literal = line.split(" ", 1)
                entry.fields[key] = _unquote(literal)
        if entry.fields:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module", params=CATALOGUES, ids=["krachtbron", "questionnaires"])
def catalogue(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def entries(catalogue) -> list[Entry]:
    parsed = parse_po(catalogue / "django.po")
    assert parsed and parsed[0].msgid == "", "the catalogue starts with its header"
    assert len(parsed) > 100, "the catalogue holds the app's strings"
    return parsed


def test_catalogue_has_no_fuzzy_entries(entries):
    fuzzy = [entry.where() for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_every_string_is_translated(entries):
    untranslated = [entry.where() for entry in entries[1:] if not all(entry.translations)]
    assert untranslated == []


def test_translations_keep_their_placeholders(entries):
    wrong = []
    for entry in entries[1:]:
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for translated in filter(None, entry.translations):
            if sorted(PLACEHOLDER.findall(translated)) != expected:
                wrong.append(f"{entry.where()} -> {translated!r}")
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file(catalogue, entries):
    """Catches a .po edited without running compilemessages."""
    with (catalogue / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in entries[1:]:
        fields = entry.fields
        if not all(entry.translations):
            continue
        context = fields.get("msgctxt")
        if "msgid_plural" in fields:
            got = [
                compiled.npgettext(context, entry.msgid, fields["msgid_plural"], n)
                if context is not None
                else compiled.ngettext(entry.msgid, fields["msgid_plural"], n)
                for n in (1, 2)
            ]
            want = [fields["msgstr[0]"], fields["msgstr[1]"]]
        else:
            got = [
                compiled.pgettext(context, entry.msgid)
                if context is not None
                else compiled.gettext(entry.msgid)
            ]
            want = [fields["msgstr"]]
        if got != want:
            stale.append(entry.where())
    assert stale == []


def test_dutch_content_on_english_pages_is_marked_as_dutch(org, as_user):
    """The kennisbank and the cards are written in Dutch only: screen readers must read them as
    Dutch (WCAG 3.1.2), and the reader is told."""
    client = as_user(org.adviser)
    _choose(client, "en")
    index = _page(client, reverse("knowledge:index"))
    assert '<span lang="nl">Wat is eigen kracht?</span>' in index
    assert "The pages are in Dutch." in index
    cards = _page(client, reverse("knowledge:cards"))
    assert "The cards are in Dutch." in cards and '<p lang="nl">' in cards
