"""The language of a family page: one mechanism for every family-facing page (issue 17).

A family page is shown in the language that belongs to it: the language of the link's member
(Mijn Krachtbron), of the invitation (the questionnaire), of the share (a shared netwerkplan).
The visitor can switch on every family page without JavaScript: the switch is a set of plain
links that add ``?taal=<code>`` (``switch_links``). The concept banner's link to the Dutch
original (``?origineel=nl``, ``lib.family_text.page_language``) shows one page in Dutch and
keeps nothing. The choice is kept in the session of the
family page (``FAMILY_CHOICE``) when the browser already holds one (not a staff sign-in), so
the next page follows;
it never writes the language cookie, which is the staff user's own choice (Django's
``set_language``), so a staff user and a family in the same browser do not change each other's
language. Every view that switches a family page calls ``show`` with the language that belongs
to the page; a choice made with the switch wins.

The languages a family may choose come from ``family_languages()``: the setting
``FAMILY_LANGUAGES`` when the project defines it, else ``settings.LANGUAGES``.

Lists and dates in family text are written with Babel's locale data (CLDR), as a reader of the
language writes them: ``join_list`` ("a, b en c", "a وb", "a, b i c", "aን bን") and
``family_date`` ("1 december 2026", "1 grudnia 2026", "1 ታሕሳስ 2026"). Django knows no
Tigrinya, so its ``date`` filter writes Dutch month names there; for nl, en, ar, tr and pl
``family_date`` writes what ``|date:"j E Y"`` writes (docs/talen.md).
"""

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any, Protocol

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.lists import format_list
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from krachtbron.lib.family_text import page_language

#: The query parameter of the switch on family pages.
PARAMETER = "taal"
#: In the session of a family page: the language chosen with the switch.
FAMILY_CHOICE = "kb_family_language"


def family_languages() -> list[tuple[str, str]]:
    """(code, name) of every language a family page can be shown in."""
    return list(getattr(settings, "FAMILY_LANGUAGES", settings.LANGUAGES))


def family_language_codes() -> list[str]:
    return [code for code, _name in family_languages()]


def chosen(request: Any) -> str | None:
    """The language the visitor chose with the switch: ``?taal=<code>`` on this page (kept in
    the session when the browser holds one), else the choice kept earlier; None when they did
    not choose."""
    codes = family_language_codes()
    session = getattr(request, "session", None)
    code = request.GET.get(PARAMETER, "") if hasattr(request, "GET") else ""
    if code in codes:
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated  # a staff session keeps nothing
        keeps = session is not None and bool(session.session_key) and not staff
        if keeps and session is not None and session.get(FAMILY_CHOICE) != code:
            session[FAMILY_CHOICE] = code
        return str(code)
    kept = session.get(FAMILY_CHOICE) if session is not None else None
    return kept if kept in codes else None


def show(request: Any, code: str) -> None:
    """Render the rest of this request in ``code`` (the language that belongs to the page),
    or in the language the visitor chose with the switch. An unknown code gives the default.
    The middleware sets Content-Language from ``request.LANGUAGE_CODE``; ``<html lang>``
    follows. Nothing is stored here but the switch's choice."""
    code = chosen(request) or code
    code = code if code in family_language_codes() else settings.LANGUAGE_CODE
    code = page_language(request, code)  # the concept banner's link: this page in Dutch
    translation.activate(code)
    request.LANGUAGE_CODE = code


class Problem(Protocol):
    """Why a family link or session cannot be used: a member of ``portal.actions.LinkProblem``,
    ``questionnaires.actions.LinkProblem`` or ``networkplan.sharing.ShareProblem``."""

    @property
    def value(self) -> str:
        """What the problem page's template tells apart: "unknown", "expired", "throttled"..."""

    @property
    def status(self) -> int:
        """The HTTP status of its page: 404, 410, 429..."""


def problem_page(
    request: Any, template: str, problem: Problem, language: str | None = None
) -> HttpResponse:
    """The friendly page of a family link or session that cannot be used: ``template`` rendered
    with ``{"problem": problem.value}``, with the status ``problem.status``. With ``language``
    the page is shown in it (``show``: the language that belongs to the link, or Dutch; a
    choice made with the switch wins); with None it keeps the language the request already
    has (the caller showed the page's language, or the page has none of its own)."""
    if language is not None:
        show(request, language)
    return render(request, template, {"problem": problem.value}, status=problem.status)


def switch_links(request: Any, current: str) -> list[dict[str, str]]:
    """The switch: for each other family language, its name in its own words and the URL of
    this page in it: only a query (``?taal=en``, the rest of the query kept), which the browser
    resolves against the page's own address. So a link's page never repeats its token, and the
    page of a typed code is byte for byte the page of its link."""
    links = []
    for code in family_language_codes():
        if code == current:
            continue
        query = request.GET.copy()
        query[PARAMETER] = code
        with translation.override(code):
            name = translation.get_language_info(code)["name_local"]
        links.append({"code": code, "name": name, "url": f"?{query.urlencode()}"})
    return links


def babel_locale(language: str | None = None) -> Locale:
    """Babel's locale of ``language`` (a Django code such as "nl", "pt-br"; default: the active
    language). An unknown code gives the default language's locale (settings.LANGUAGE_CODE)."""
    return _locale(language or translation.get_language() or "", settings.LANGUAGE_CODE)


@cache
def _locale(code: str, default: str) -> Locale:
    for one in (code, default):
        try:
            return Locale.parse(translation.to_locale(one))
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("nl")


def join_list(items: Iterable[str], language: str | None = None) -> str:
    """``items`` as one list the way a reader of ``language`` (default: the active language)
    writes it: "a, b en c" (nl), "a, b, and c" (en), "a وb وc" (ar), "a, b ve c" (tr),
    "a, b i c" (pl), "a፣ bን cን" (ti). One item is itself, no items is "". Plain text in, plain
    text out: escape the items first for HTML (the joining words hold no markup)."""
    words = [str(item) for item in items]
    if not words:
        return ""
    return str(format_list(words, style="standard", locale=babel_locale(language)))


#: The family date, as Django's "j E Y" and "H:i" in Babel's (CLDR) pattern letters.
DATE_PATTERN = "d MMMM y"
TIME_PATTERN = "HH:mm"
DATETIME_GLUE = "long"  # the width of DATE_PATTERN ("d MMMM y" is CLDR's long date)


def family_date(
    value: date | datetime | None, language: str | None = None, *, time: bool = False
) -> str:
    """``value`` as a family reads a date: "30 september 2026" ("30 września 2026", "30 መስከረም
    2026"); with ``time`` also the time, joined as CLDR's long date-time pattern of the language
    joins them: "30 september 2026, 14:05", "30 سبتمبر 2026، 14:05", "30 Eylül 2026 14:05". A
    datetime is shown in the current time zone (aware) or as it is (naive); ``time`` on a plain
    date adds nothing. None gives "".
    ``language``: default the active language."""
    if value is None or value == "":
        return ""
    locale = babel_locale(language)
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        shown = str(format_date(local.date(), DATE_PATTERN, locale=locale))
        if not time:
            return shown
        # CLDR's glue for a long date with a time, as Babel's format_datetime applies it:
        # "{1}, {0}" (nl, en), "{1}، {0}" (ar), "{1} {0}" (tr, pl, ti).
        glue = locale.datetime_formats[DATETIME_GLUE]
        clock = str(format_time(local.time(), TIME_PATTERN, locale=locale))
        return str(glue).replace("{0}", clock).replace("{1}", shown)
    return str(format_date(value, DATE_PATTERN, locale=locale))
