"""Which interface text a family reads, and how far each language's translation of it is.

``FAMILY_SOURCES``: the source files whose strings a family member sees (issue 17, item 4):
the family pages (Mijn Krachtbron, the questionnaire, the shared network plan, the check-in, the
stop page), the messages (mail, SMS and their subjects), the error pages, the documents (plan and
netwerkplan PDFs, the printed invitation letters) and the Python modules behind the family URL
prefixes (``settings.FAMILY_URL_PREFIXES``) with the forms they use. A catalogue entry is a
*family string* when one of its ``#:`` references (makemessages keeps them; never pass
``--no-location``) names a path that matches one of these patterns and none of
``FAMILY_SOURCE_EXCLUDES``, or a template that such a template includes or extends
(``family_template_paths``: followed through ``{% include %}`` / ``{% extends %}``, so a staff
app's part on a family page, such as ``aftercare/_portal_notice.html`` on Mijn Krachtbron's
home, is family text without being listed). Patterns are ``fnmatch`` patterns on the
repository-relative path (``*`` also crosses ``/``). ``scripts/check_catalogues.py`` (run by
``make check``) fails for a family language whose catalogues leave a family string untranslated
or fuzzy; ``lib/tests/test_family_text.py`` fails when a view module behind a family URL is not
listed, ``testing/test_family_strings.py`` when a family page shows a string of a module that
is not.

``REVIEWED``: whether a translator has reviewed each family language's catalogues. A language
that is not reviewed shows a banner on every family page ("Concept translation of the Dutch
text", in that language) with a link that shows the page in Dutch. How a translator marks a
catalogue reviewed: docs/talen.md.
"""

import functools
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

FAMILY_SOURCES: tuple[str, ...] = (
    # Shared page frame and error pages
    "krachtbron/templates/base.html",
    "krachtbron/templates/includes/*",
    "krachtbron/templates/errors/*",
    "krachtbron/templates/invitations/printed_base.html",
    "krachtbron/lib/views.py",
    "krachtbron/lib/printed.py",
    # Mijn Krachtbron (the staff side of the portal is excluded below)
    "krachtbron/portal/templates/portal/*",
    "krachtbron/portal/*_views.py",
    "krachtbron/portal/views.py",
    "krachtbron/portal/*_forms.py",
    "krachtbron/portal/plan_download.py",
    "krachtbron/portal/own_goals.py",  # why a goal of your own cannot be taken back
    # The family questionnaire and its printed invitation letter
    "krachtbron/questionnaires/templates/questionnaires/family/*",
    "krachtbron/questionnaires/templates/questionnaires/print.html",
    "krachtbron/questionnaires/views/family.py",
    "krachtbron/questionnaires/family_session.py",
    # Messages and the stop page
    "krachtbron/sending/templates/sending/mail/*",
    "krachtbron/sending/templates/sending/sms/*",
    "krachtbron/sending/templates/sending/stop.html",
    "krachtbron/sending/templates/sending/stop_unknown.html",
    "krachtbron/sending/stop_views.py",
    "krachtbron/sending/mail.py",  # the subjects
    "krachtbron/sending/forms.py",  # the portal sends a shared plan with these forms
    "krachtbron/sending/phone.py",
    # The shared network plan (/gedeeld/) and the netwerkplan PDF
    "krachtbron/networkplan/templates/networkplan/share_*",
    "krachtbron/networkplan/templates/networkplan/_plan_document.html",
    "krachtbron/networkplan/templates/networkplan/plan_pdf.html",
    "krachtbron/networkplan/share_views.py",
    # 'Ons krachtenplan' (plan PDF)
    "krachtbron/strengths/templates/strengths/_plan_document.html",
    "krachtbron/strengths/templates/strengths/plan_pdf.html",
    # Aftercare: the family's check-in
    "krachtbron/aftercare/templates/aftercare/checkin*",
    "krachtbron/aftercare/templates/aftercare/_checkin_form.html",
    "krachtbron/aftercare/templates/aftercare/link_*",
    "krachtbron/aftercare/checkin_views.py",
    # Python a family page, PDF or message shows the strings of, outside the view modules
    # (``testing/test_family_strings.py`` records what the family pages translate and fails for a
    # string of a module not listed): the netwerkplan's builder (its phone lines), forms and
    # labels; the check-in's form; the plan's goal scaling form; the eco-map's rows; the
    # questionnaire's moments and its family words; the channel names of a message; the
    # accessibility statement every family page links to
    "krachtbron/templates/toegankelijkheid.html",
    "krachtbron/networkplan/plan.py",
    "krachtbron/networkplan/plan_forms.py",
    "krachtbron/networkplan/agreement_forms.py",
    "krachtbron/networkplan/agreements.py",
    "krachtbron/aftercare/forms.py",
    "krachtbron/strengths/forms.py",
    "krachtbron/strengths/plan.py",
    "krachtbron/portal/plan.py",
    "krachtbron/network/rows.py",
    "krachtbron/questionnaires/models.py",
    "krachtbron/questionnaires/templatetags/family_words.py",
    "krachtbron/sending/models.py",
    # Labels family pages and documents show from the models' choices and the eco-map (the
    # dimensions, a goal's state, a person's relation, the map's sectors and legend), and the
    # period form of Ons dossier's access list
    "krachtbron/families/choices.py",
    "krachtbron/network/choices.py",
    "krachtbron/network/ecomap.py",
    "krachtbron/networkplan/choices.py",
    "krachtbron/audit/forms.py",
    # Ons dossier's *Wie keek mee*: every word of a row a family member can read. What happened,
    # the result and who acted (audit choices, the roles, the system's processes, the labels of
    # family members, network persons and administrative changes), and what it was about: each
    # app's log codes (``<app>/log_labels.py``, also the models a row about a family can name).
    # The staff-only words of the log live apart (audit/models.py, audit/change_labels.py).
    "krachtbron/audit/choices.py",
    "krachtbron/audit/labels.py",
    "krachtbron/audit/actors.py",
    "krachtbron/accounts/choices.py",
    "krachtbron/*/log_labels.py",
    # The copy of the file (AVG art. 15) that a member asks for in Mijn Krachtbron, made in the
    # member's language: the PDF's frame, every app's part (its template and the Python that
    # builds it), why another member's data is left out, and the labels of the choices it shows
    "krachtbron/families/templates/families/copy_pdf.html",
    "krachtbron/*/templates/*/copy/*",
    "krachtbron/*/copy_parts.py",
    "krachtbron/networkplan/agreement_copy.py",
    "krachtbron/portal/plan_copy.py",
    "krachtbron/families/rights.py",
    "krachtbron/aftercare/choices.py",
    "krachtbron/knowledge/choices.py",
    "krachtbron/strengths/choices.py",
)

FAMILY_SOURCE_EXCLUDES: tuple[str, ...] = (
    "krachtbron/portal/templates/portal/staff/*",
    "krachtbron/portal/staff_views.py",
)

# The languages of family pages, documents and messages (settings.LANGUAGES, in this order).
FAMILY_LANGUAGES: tuple[str, ...] = ("nl", "en", "ar", "tr", "pl", "ti")

# Locale data Django lacks (settings.EXTRA_LANG_INFO; LibConfig.ready() adds it to LANG_INFO):
# Tigrinya, and each name as its readers write it in a chooser (Django has "العربيّة", "polski").
EXTRA_LANGUAGE_INFO: dict[str, dict[str, object]] = {
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    "ar": {"name_local": "العربية"},
    "pl": {"name_local": "Polski"},
}

# settings.LANGUAGES (every language Django may activate: family pages, messages, documents),
# settings.STAFF_LANGUAGES (what the staff's language switch offers; a staff page treats any other
# language as Dutch) and settings.EXTRA_LANG_INFO, as settings.py takes them.
LANGUAGE_SETTINGS = (
    [
        ("nl", _("Nederlands")),
        ("en", _("English")),
        ("ar", _("Arabisch")),
        ("tr", _("Turks")),
        ("pl", _("Pools")),
        ("ti", _("Tigrinya")),
    ],
    ("nl", "en"),
    EXTRA_LANGUAGE_INFO,
)

# Reviewed by a translator? A language not marked True shows the concept banner. Dutch is the
# original. To mark a catalogue reviewed, set its value to True here (docs/talen.md).
REVIEWED: dict[str, bool] = {
    "nl": True,
    "en": True,
    "ar": False,
    "tr": False,
    "pl": False,
    "ti": False,
}


#: The ``krachtbron`` package folder (template paths are named from its parent, the repository).
_PACKAGE = Path(__file__).resolve().parents[1]
#: ``{% include "x" %}`` / ``{% extends "x" %}`` with a literal name.
_INCLUDED = re.compile(r"""\{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def _listed(path: str) -> bool:
    """Does ``path`` match ``FAMILY_SOURCES`` and none of ``FAMILY_SOURCE_EXCLUDES``?"""
    if any(fnmatchcase(path, pattern) for pattern in FAMILY_SOURCE_EXCLUDES):
        return False
    return any(fnmatchcase(path, pattern) for pattern in FAMILY_SOURCES)


@functools.cache
def family_template_paths(package: Path = _PACKAGE) -> frozenset[str]:
    """The repository-relative path ("krachtbron/portal/templates/portal/home.html") of every
    template a family reads: the listed ones (``FAMILY_SOURCES``) and, transitively, every
    template they include or extend by a literal name, whatever app it lives in. A name that
    no ``templates`` folder of ``package`` holds (Django's own) is skipped. Read once."""
    every = {
        f"{package.name}/{path.relative_to(package).as_posix()}": path
        for path in package.rglob("templates/**/*")
        if path.suffix in (".html", ".txt")
    }
    by_name = {name.split("/templates/", 1)[1]: name for name in every}
    todo = [name for name in every if _listed(name)]
    found: set[str] = set()
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        text = every[name].read_text(encoding="utf-8")
        todo += [by_name[i] for i in _INCLUDED.findall(text) if i in by_name]
    return frozenset(found)


def is_family_source(path: str) -> bool:
    """Is ``path`` (repository-relative, as in a ``#:`` reference, with or without ``:line``) a
    source of family-facing text: listed in ``FAMILY_SOURCES`` (not excluded), or a template a
    listed template includes or extends (``family_template_paths``)?"""
    path = path.rsplit(":", 1)[0] if path.rsplit(":", 1)[-1].isdigit() else path
    return _listed(path) or path in family_template_paths()


def is_family_path(path: str) -> bool:
    """True for a family-facing URL (settings.FAMILY_URL_PREFIXES), whether it exists or not."""
    from django.conf import settings

    return path.startswith(tuple(settings.FAMILY_URL_PREFIXES))


def is_reviewed(language: str) -> bool:
    """Has a translator reviewed ``language``'s family text? Unknown languages count as not."""
    return REVIEWED.get(language, False)


# A family page asked with ``?origineel=nl`` shows the Dutch original, for this page only: the
# link in the concept banner. Nothing is stored (the member's language stays theirs). Not the
# switch's ``?taal=`` (lib.family_language), which keeps the choice for the visit.
ORIGINAL_PARAMETER = "origineel"
ORIGINAL_LANGUAGE = "nl"
OWN_LANGUAGE = "family_own_language"  # request attribute: the language the page would have had


def original_requested(request: Any) -> bool:
    """Did this request ask for the Dutch original (``?origineel=nl``) of a family page?"""
    get = getattr(request, "GET", None)
    return bool(get is not None and get.get(ORIGINAL_PARAMETER) == ORIGINAL_LANGUAGE)


def page_language(request: Any, code: str) -> str:
    """The language to show a family page in: the Dutch original when the request asked for it
    (the concept banner's link), else ``code``. Remembers ``code`` on the request
    (``OWN_LANGUAGE``) for the banner's link back."""
    if not original_requested(request):
        return code
    setattr(request, OWN_LANGUAGE, code)
    return ORIGINAL_LANGUAGE
