"""Lists and dates in family text as a reader of the language writes them (docs/talen.md):
``lib.family_language.join_list`` and ``family_date`` (Babel's CLDR data), and the template
filters ``|join_list`` and ``|family_date``; a sweep keeps Latin list commas and Django's date
filter (no Tigrinya month names) out of family templates."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.dateformat import format as django_format

from krachtbron.lib.family_language import family_date, join_list
from krachtbron.lib.family_text import FAMILY_LANGUAGES
from krachtbron.network.choices import SupportKind
from krachtbron.testing.source import family_templates

LISTS = {
    "nl": "Oma, Juf en Buurman",
    "en": "Oma, Juf, and Buurman",
    "ar": "Oma وJuf وBuurman",
    "tr": "Oma, Juf ve Buurman",
    "pl": "Oma, Juf i Buurman",
    "ti": "Oma፣ Jufን Buurmanን",
}
#: Django's "j E Y" reads right in these (its own locale data); Tigrinya it lacks.
DJANGO_HAS = ("nl", "en", "ar", "tr", "pl")


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_a_list_is_joined_as_the_language_joins_it(language):
    assert join_list(["Oma", "Juf", "Buurman"], language) == LISTS[language]
    with translation.override(language):
        assert join_list(["Oma", "Juf", "Buurman"]) == LISTS[language]  # the active language
    assert join_list(["Oma"], language) == "Oma" and join_list([], language) == ""


def test_no_family_list_has_a_latin_comma_in_arabic():
    """The gap of the review: "يساعد في: …, …" on Mijn Krachtbron's Mensen page."""
    with translation.override("ar"):
        labels = [str(SupportKind.EMOTIONAL.label), str(SupportKind.PRACTICAL.label)]
        joined = Template("{% load family_language %}{{ labels|join_list }}").render(
            Context({"labels": labels})
        )
    assert ", " not in joined and " و" in joined


def test_joined_joins_items_with_markup_of_their_own():
    """``{% joined %}``: each item rendered by the body (escaped), joined as the language does."""
    page = Template(
        "{% load family_language %}{% joined names as n %}<bdi>{{ n }}</bdi>"
        "{% empty %}niemand{% endjoined %}"
    )
    with translation.override("ar"):
        html = page.render(Context({"names": ["سارة", "<Tom>"]}))
    assert html == "<bdi>سارة</bdi> و<bdi>&lt;Tom&gt;</bdi>"
    with translation.override("pl"):
        assert page.render(Context({"names": ["A", "B", "C"]})) == (
            "<bdi>A</bdi>, <bdi>B</bdi> i <bdi>C</bdi>"
        )
    assert page.render(Context({"names": []})) == "niemand"


def test_the_list_filter_escapes_every_item():
    html = Template("{% load family_language %}{{ words|join_list }}").render(
        Context({"words": ["<b>", "a & b"]})
    )
    assert html == "&lt;b&gt; en a &amp; b"


@pytest.mark.parametrize("language", DJANGO_HAS)
def test_a_family_date_reads_as_djangos_j_e_y_where_django_knows_the_language(language):
    with translation.override(language):
        for month in range(1, 13):
            day = date(2026, month, 30 if month != 2 else 28)
            assert family_date(day) == django_format(day, "j E Y"), (language, month)


def test_tigrinya_gets_geez_month_names_and_polish_keeps_its_genitive():
    assert family_date(date(2026, 12, 1), "ti") == "1 ታሕሳስ 2026"
    assert family_date(date(2026, 9, 30), "ti") == "30 መስከረም 2026"
    assert family_date(date(2026, 12, 1), "pl") == "1 grudnia 2026"
    assert family_date(date(2026, 12, 1), "nl") == "1 december 2026"
    with translation.override("ti"):  # the template filter follows the active language
        shown = Template("{% load family_language %}{{ day|family_date }}").render(
            Context({"day": date(2026, 12, 1)})
        )
    assert shown == "1 ታሕሳስ 2026"


def test_a_family_date_with_time_is_in_the_current_time_zone():
    moment = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
    with translation.override("ti"):
        shown = Template('{% load family_language %}{{ m|family_date:"time" }}').render(
            Context({"m": moment})
        )
    assert shown == "1 ታሕሳስ 2026 14:05"  # CLDR's Tigrinya joins date and time with a space
    with translation.override("nl"):
        local = timezone.localtime(moment)
        assert family_date(moment, time=True) == django_format(local, "j E Y, H:i")
    assert family_date(None) == "" and family_date(moment) == "1 december 2026"


def test_a_family_date_with_time_joins_them_as_the_language_does():
    """CLDR's long date-time pattern: Dutch and English keep ", ", Arabic its own comma (،),
    never a Latin comma in right-to-left text."""
    moment = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
    shown = {code: family_date(moment, code, time=True) for code in ("nl", "en", "ar", "ti")}
    assert shown["nl"] == "1 december 2026, 14:05"
    assert shown["en"] == "1 December 2026, 14:05"
    assert shown["ar"] == "1 ديسمبر 2026، 14:05"
    assert shown["ti"] == "1 ታሕሳስ 2026 14:05"


#: Django's date filter in a family template: Dutch month names in Tigrinya.
DATE_FILTER = re.compile(r"\|date\b")
#: A list joined with a Latin comma in a template.
COMMA_JOIN = re.compile(r"""\|join:(["']), \1|forloop\.last\s*%\},\s*\{%""")


def test_family_templates_write_dates_and_lists_in_the_readers_language():
    templates = family_templates()
    assert len(templates) > 40  # the sweep sees the family templates
    dates = [n for n, text in templates if DATE_FILTER.search(text)]
    lists = [n for n, text in templates if COMMA_JOIN.search(text)]
    assert not dates, f"use |family_date: {dates}"
    assert not lists, f"use |join_list: {lists}"


def test_the_sweep_sees_what_it_is_for():
    assert DATE_FILTER.search('{{ d|date:"j E Y" }}') and not DATE_FILTER.search("|family_date")
    assert COMMA_JOIN.search('{{ a|join:", " }}')
    assert COMMA_JOIN.search("{% if not forloop.last %}, {% endif %}")
    assert not COMMA_JOIN.search("{{ a|join_list }}")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Deze datum ligt te ver terug: kies 1 januari 2015 of later."),
        ("pl", "Ta data jest za daleko w przeszłości: wybierz 1 stycznia 2015 lub później."),
        ("ti", "እዚ ዕለት ኣዝዩ ንድሕሪት እዩ፦ 1 ጥሪ 2015 ወይ ድሕሪኡ ምረጹ።"),
    ],
)
def test_a_date_outside_the_familys_period_form_is_named_in_the_familys_language(
    language, expected
):
    """Ons dossier's 'Wie keek mee' period (audit/forms.py): the message and its date in the
    family's language (lib.dates.FAMILY_DATE), not Dutch words and a Dutch month."""
    from krachtbron.audit.forms import PeriodForm

    with translation.override(language):
        form = PeriodForm(data={"date_from": "2010-01-01"})
        assert not form.is_valid()
        assert form.errors["date_from"] == [expected]
