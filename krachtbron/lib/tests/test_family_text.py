"""The family languages (issue 17 item 4): the settings' shape, Tigrinya's locale data, which
sources hold family text (lib/family_text.py), the staff interface kept to Dutch and English,
the concept banner with its one-tap Dutch original, and the catalogue check of `make check`."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.translation import get_language_bidi, get_language_info

from krachtbron.lib import family_text
from krachtbron.lib.family_text import FAMILY_LANGUAGES, REVIEWED, is_family_source
from krachtbron.portal import actions as portal_actions
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.source import catalogue_check

ROOT = Path(__file__).resolve().parents[3]


# --- Settings and locale data -------------------------------------------------------------------


def test_six_family_languages_and_two_staff_languages():
    assert [code for code, _name in settings.LANGUAGES] == list(FAMILY_LANGUAGES)
    assert FAMILY_LANGUAGES == ("nl", "en", "ar", "tr", "pl", "ti")
    assert tuple(settings.STAFF_LANGUAGES) == ("nl", "en")
    assert set(REVIEWED) == set(FAMILY_LANGUAGES)
    assert REVIEWED["nl"] and REVIEWED["en"]


def test_each_language_has_its_own_name_and_direction():
    names = {code: get_language_info(code)["name_local"] for code in FAMILY_LANGUAGES}
    assert names == {
        "nl": "Nederlands",
        "en": "English",
        "ar": "العربية",
        "tr": "Türkçe",
        "pl": "Polski",
        "ti": "ትግርኛ",
    }
    directions = {}
    for code in FAMILY_LANGUAGES:
        with translation.override(code):
            directions[code] = get_language_bidi()
    assert directions == {code: code == "ar" for code in FAMILY_LANGUAGES}


# --- Which sources are family text ---------------------------------------------------------------


def _family_view_modules() -> set[str]:
    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and ("/" + route).startswith(
                tuple(settings.FAMILY_URL_PREFIXES)
            ):
                view = pattern.callback
                while hasattr(view, "__wrapped__"):
                    view = view.__wrapped__
                found.add(view.__module__)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_view_module_behind_a_family_url_is_a_family_source():
    modules = _family_view_modules()
    assert "krachtbron.portal.plan_views" in modules and "krachtbron.sending.stop_views" in modules
    missing = [m for m in sorted(modules) if not is_family_source(m.replace(".", "/") + ".py")]
    assert missing == []


def _log_labels() -> list[object]:
    """Every label a row of *Wie keek mee* can show a family member (lazy, in Dutch as str)."""
    from krachtbron.accounts.choices import Role
    from krachtbron.audit.actors import SYSTEM_PROCESSES
    from krachtbron.audit.choices import AccessKind, AccessResult, ActorKind
    from krachtbron.audit.labels import ADMIN_LABELS, OTHER_ROLES, page_labels

    choices = [
        label for kind in (AccessKind, AccessResult, ActorKind, Role) for label in kind.labels
    ]
    return [
        *choices,
        *page_labels().values(),
        *ADMIN_LABELS.values(),
        *OTHER_ROLES.values(),
        *SYSTEM_PROCESSES.values(),
    ]


def test_every_model_a_row_about_a_family_names_has_a_family_label():
    """A row names the model it is about by its code; the family reads the label an app
    registered in its ``log_labels.py`` (a family source), never the model's verbose_name
    (``models.py`` is not one)."""
    from django.apps import apps

    from krachtbron.audit.labels import page_labels

    registered = page_labels()
    about_a_family = [
        model.__name__.lower()
        for model in apps.get_models()
        if model.__name__ == "Family" or "family" in {f.name for f in model._meta.get_fields()}
    ]
    assert "goal" in about_a_family and "delivery" in about_a_family
    assert [code for code in about_a_family if code not in registered] == []


def test_every_label_of_wie_keek_mee_is_a_family_string():
    """So ``check_catalogues.py`` fails when one of them lacks a translation in a family
    language: each label's catalogue entry names a family source."""
    check = catalogue_check()
    english = polib.pofile(str(ROOT / "krachtbron/locale/en/LC_MESSAGES/django.po"))
    english_q = polib.pofile(
        str(ROOT / "krachtbron/questionnaires/locale/en/LC_MESSAGES/django.po")
    )
    family = {e.msgid for po in (english, english_q) for e in check.family_entries(po)}
    with translation.override("nl"):
        labels = {str(label) for label in _log_labels()}
    assert {
        "ingezien",
        "geweigerd",
        "gezinslid",
        "Adviseur",
        "Mijn Krachtbron: Ons dossier",
    } <= labels
    assert sorted(labels - family) == []


@pytest.mark.parametrize(
    ("path", "family"),
    [
        ("krachtbron/portal/templates/portal/home.html:12", True),
        ("krachtbron/portal/templates/portal/staff/print.html:3", False),
        ("krachtbron/portal/staff_views.py:40", False),
        ("krachtbron/questionnaires/templates/questionnaires/family/question.html", True),
        ("krachtbron/questionnaires/templates/questionnaires/invite.html:5", False),
        ("krachtbron/sending/templates/sending/sms/share.txt:1", True),
        ("krachtbron/templates/errors/404.html:4", True),
        ("krachtbron/families/views.py:10", False),
        ("krachtbron/families/log_labels.py:12", True),
        ("krachtbron/audit/choices.py:7", True),
        ("krachtbron/audit/models.py:80", False),
        ("krachtbron/audit/change_labels.py:9", False),
        # Not listed, but a family template includes them (``family_template_paths``)
        ("krachtbron/aftercare/templates/aftercare/_portal_notice.html:4", True),
        ("krachtbron/aftercare/templates/aftercare/_phones.html", True),
        ("krachtbron/families/templates/families/_copy_file_state.html:3", True),
        ("krachtbron/aftercare/templates/aftercare/close.html:3", False),
        ("krachtbron/families/templates/families/copy_file.html:3", False),
    ],
)
def test_family_sources_follow_the_rule(path, family):
    assert is_family_source(path) is family


def test_every_family_source_pattern_matches_a_file():
    """A pattern that matches nothing was mistyped or outlived its file."""
    files = [
        p.relative_to(ROOT).as_posix() for p in (ROOT / "krachtbron").rglob("*") if p.is_file()
    ]
    from fnmatch import fnmatchcase

    unused = [
        pattern
        for pattern in family_text.FAMILY_SOURCES
        if not any(fnmatchcase(f, pattern) for f in files)
    ]
    assert unused == []


# --- Staff pages stay Dutch or English ----------------------------------------------------------


@pytest.mark.django_db
def test_staff_pages_ignore_a_family_language_and_offer_only_dutch_and_english(org):
    client = Client()
    login(client, org.adviser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("families:caseload"))
    html = page.content.decode()
    assert page["Content-Language"] == "nl"
    assert re.search(r'<html lang="nl" dir="ltr">', html)
    offered = re.findall(r'<option value="(\w+)" lang=', html)
    assert offered == ["nl", "en"]


@pytest.mark.django_db
def test_family_pages_offer_every_language_and_arabic_reads_right_to_left(org):
    portal_actions.choose_language(org.member, "ar")
    client = sign_in_member(Client(), org.member)
    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


# --- The concept banner -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unreviewed_language_shows_the_banner_with_the_dutch_original_one_tap_away(org):
    portal_actions.choose_language(org.member, "ar")
    client = sign_in_member(Client(), org.member)
    home = reverse("portal:home")
    arabic = client.get(home).content.decode()
    banner = re.search(r'<p class="concept-banner">(.*?)</p>', arabic, re.S)
    assert banner, "an Arabic page says it is a concept translation"
    with translation.override("ar"):
        said = translation.gettext("Dit is een concept-vertaling van de Nederlandse tekst.")
    assert (
        said != "Dit is een concept-vertaling van de Nederlandse tekst." and said in banner.group(1)
    )
    link = re.search(r'<a href="([^"]+)" lang="nl" hreflang="nl">Nederlands</a>', banner.group(1))
    assert link and link.group(1) == f"{home}?origineel=nl"

    dutch = client.get(link.group(1).replace("&amp;", "&"))
    html = dutch.content.decode()
    assert '<html lang="nl" dir="ltr">' in html and dutch["Content-Language"] == "nl"
    assert "Jullie doelen" in html
    back = re.search(r'<p class="concept-banner"><a href="([^"]+)" lang="ar"', html)
    assert back and back.group(1) == home
    # Nothing was stored: the next page is Arabic again.
    assert '<html lang="ar" dir="rtl">' in client.get(home).content.decode()
    from krachtbron.portal.language import language_of

    assert language_of(org.member) == "ar"


@pytest.mark.django_db
def test_a_reviewed_language_shows_no_banner(org, monkeypatch):
    portal_actions.choose_language(org.member, "ar")
    monkeypatch.setitem(REVIEWED, "ar", True)
    client = sign_in_member(Client(), org.member)
    assert "concept-banner" not in client.get(reverse("portal:home")).content.decode()
    portal_actions.choose_language(org.member, "nl")
    client = sign_in_member(Client(), org.member)
    assert "concept-banner" not in client.get(reverse("portal:home")).content.decode()


# --- The catalogue check of `make check` --------------------------------------------------------


def test_the_check_passes_for_a_complete_catalogue():
    check = catalogue_check()
    for directory in check.CATALOGUE_DIRS:
        assert check.problems_of(directory, "en") == []
        assert check.problems_of(directory, "ar") == []


def _copy_catalogues(tmp_path: Path, check) -> list[Path]:
    copies = []
    for directory in check.CATALOGUE_DIRS:
        target = tmp_path / directory.relative_to(ROOT)
        for language in ("en", "ar"):
            shutil.copytree(directory / language, target / language)
        copies.append(target)
    return copies


def test_the_check_names_an_untranslated_a_fuzzy_and_a_missing_family_string(tmp_path, monkeypatch):
    check = catalogue_check()
    monkeypatch.setattr(check, "ROOT", tmp_path)
    directory = _copy_catalogues(tmp_path, check)[0]
    path = directory / "ar" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    family = [e for e in check.family_entries(po) if not e.msgid_plural]
    family[0].msgstr = ""
    family[1].flags.append("fuzzy")
    missing = family[2].msgid
    po.remove(family[2])
    staff = next(
        e for e in po if e.occurrences and not any(is_family_source(p) for p, _ in e.occurrences)
    )
    staff.msgstr = ""  # a staff string may stay untranslated
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))

    problems = check.problems_of(directory, "ar")

    assert len(problems) == 3, problems
    assert any(repr(family[0].msgid[:70]) in p and p.endswith("untranslated") for p in problems)
    assert any(repr(family[1].msgid[:70]) in p and p.endswith("fuzzy") for p in problems)
    assert any(repr(missing[:70]) in p and "not in the catalogue" in p for p in problems)
    english = polib.pofile(str(directory / "en" / "LC_MESSAGES" / "django.po"))
    assert check.problems_of(directory, "xx") == [
        f"{(directory / 'xx' / 'LC_MESSAGES' / 'django.po').relative_to(tmp_path)}: missing "
        f"({len(check.family_entries(english))} family strings to translate)"
    ]


def test_the_check_finds_a_stale_mo_and_lost_placeholders(tmp_path, monkeypatch):
    check = catalogue_check()
    monkeypatch.setattr(check, "ROOT", tmp_path)
    directory = _copy_catalogues(tmp_path, check)[0]
    path = directory / "ar" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    family = check.family_entries(po)
    with_placeholder = next(e for e in family if "%(" in e.msgid and not e.msgid_plural)
    with_placeholder.msgstr = "بدون"
    plain = next(
        e for e in family if "%" not in e.msgid and "{" not in e.msgid and not e.msgid_plural
    )
    po.save(str(path))  # the .mo keeps the old text
    plain.msgstr = plain.msgstr + " ."
    po.save(str(path))

    problems = check.problems_of(directory, "ar")

    assert any("placeholders differ" in p for p in problems), problems
    assert any(repr(plain.msgid[:70]) in p and "stale" in p for p in problems), problems


def test_the_review_registry_agrees_with_each_catalogue_header():
    """A translator marks a catalogue reviewed in both places (docs/talen.md): the header
    X-Review-Status of each .po file and REVIEWED. English and Dutch need no header."""
    check = catalogue_check()
    disagree = []
    for directory in check.CATALOGUE_DIRS:
        for language in FAMILY_LANGUAGES:
            path = directory / language / "LC_MESSAGES" / "django.po"
            if language in ("nl", "en") or not path.exists():
                continue
            status = polib.pofile(str(path)).metadata.get("X-Review-Status", "")
            if (status == "reviewed") != REVIEWED[language]:
                disagree.append(
                    f"{path.relative_to(ROOT)}: {status!r}, REVIEWED {REVIEWED[language]}"
                )
    assert disagree == []
