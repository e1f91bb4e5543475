"""Every date people read is written one way: "30 november 2026" (with a time: "30 november
2026, 14:05").

The break report of issue 15 (finding 10) found "30 Nov 2026" on the Afspraken tab: Django's
``M`` is an abbreviated month that reads as English in the Dutch interface, and the page beside
it said "30 november 2026". This sweep reads every template and every app module and fails on a
date format outside ``READABLE``. The access-log pages and the retention record keep ISO
timestamps to the second (``ISO_EVIDENCE``): the privacy officer compares them with the sealed
log and its exports, which use the same form; the research export writes a month as data
(``DATA_FORMATS``). Chart labels read the same ("F Y" or "j F Y"): the charts give them room.
"""

import re
from datetime import date

from django.template import Context, Template
from django.utils import translation

from krachtbron.lib.family_text import is_family_source
from krachtbron.testing.source import ROOT, app_modules

#: The formats a date is shown in (Django's ``date`` filter and ``formats.date_format``).
#: "H:i T" where the hour must say CET or CEST (the night the clock goes back, *Wie keek mee*).
#: Family pages, documents and messages write "j E Y": Django's ``E`` is the month as it
#: follows a day, which Polish declines ("30 września 2026"; ``F`` gives "30 Wrzesień"); in
#: Dutch, English, Arabic and Turkish both read the same.
READABLE = frozenset(
    {"j F Y", "j F Y, H:i", "j F Y, H:i T", "F Y", "l j F Y", "j E Y", "j E Y, H:i", "l j E Y"}
)
#: Templates that show evidence timestamps (ISO 8601, to the second) on purpose.
ISO_EVIDENCE = {
    "audit/templates/audit/access_log.html": {"Y-m-d H:i:s T"},
    "audit/templates/audit/admin_changes.html": {"Y-m-d H:i:s T"},
    "families/templates/families/retention.html": {"Y-m-d H:i"},
}
#: Modules that write a date as data, not for reading: the research export's month column.
DATA_FORMATS = {"research/export.py": {"%Y-%m"}}
TEMPLATE_FORMAT = re.compile(r"""\|date:(["'])(?P<format>.*?)\1""")
PYTHON_FORMAT = re.compile(
    r"""(?:date_format|\.strftime)\([^,()]*(?:\([^()]*\))?[^,()]*,?\s*(["'])(?P<format>.*?)\1"""
)


def _problems(text: str, pattern: re.Pattern[str], allowed: set[str]) -> list[str]:
    found = []
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match.group("format") not in READABLE | allowed:
            found.append(f"line {line}: {match.group('format')!r}")
    return found


def test_every_template_writes_dates_with_the_month_in_full():
    problems = []
    for path in sorted(ROOT.rglob("templates/**/*.html")) + sorted(ROOT.rglob("templates/*.html")):
        name = str(path.relative_to(ROOT))
        for problem in _problems(
            path.read_text(encoding="utf-8"), TEMPLATE_FORMAT, ISO_EVIDENCE.get(name, set())
        ):
            problems.append(f"{name} {problem}")
    assert not problems, "\n".join(problems)


def test_every_app_module_writes_dates_with_the_month_in_full():
    problems = []
    for path in app_modules():
        text = path.read_text(encoding="utf-8")
        allowed = DATA_FORMATS.get(str(path.relative_to(ROOT)), set())
        for problem in _problems(text, PYTHON_FORMAT, allowed):
            problems.append(f"{path.relative_to(ROOT)} {problem}")
    assert not problems, "\n".join(problems)


def test_the_sweep_sees_an_abbreviated_month():
    """The pattern finds what it is for (a sweep that finds nothing proves nothing)."""
    assert _problems('{{ a.created_at|date:"j M Y" }}', TEMPLATE_FORMAT, set())
    assert _problems("date_format(response.completed_at, 'j M Y')", PYTHON_FORMAT, set())
    assert _problems('r.created_at.strftime("%d-%m-%y")', PYTHON_FORMAT, set())
    assert not _problems('{{ a.created_at|date:"j F Y" }}', TEMPLATE_FORMAT, set())


def test_family_text_writes_a_day_with_the_month_as_it_follows_a_day():
    """A family source (lib/family_text.py) never writes "j F" (Polish: "30 Wrzesień")."""
    problems = []
    for path in sorted(ROOT.rglob("templates/**/*.*")):
        name = f"krachtbron/{path.relative_to(ROOT)}"
        if path.suffix in (".html", ".txt") and is_family_source(name):
            for match in TEMPLATE_FORMAT.finditer(path.read_text(encoding="utf-8")):
                if "j F" in match.group("format"):
                    problems.append(f"{name}: {match.group('format')!r}")
    assert not problems, "\n".join(problems)


def test_the_family_date_format_reads_right_in_every_language():
    day = Template('{{ day|date:"j E Y" }}')
    expected = {
        "nl": "30 september 2026",
        "en": "30 September 2026",
        "pl": "30 września 2026",
        "tr": "30 Eylül 2026",
        "ar": "30 سبتمبر 2026",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert day.render(Context({"day": date(2026, 9, 30)})) == text, language
