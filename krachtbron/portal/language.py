"""The member's language in Mijn Krachtbron and in their plan PDF (issue 14, Ons dossier "Taal").

One choice per family member (``MemberLanguage``; no row: Dutch), from ``settings.LANGUAGES``:
a new language only adds a catalogue. The adviser sets it when inviting (the default is the
language of the member's latest questionnaire invitation, else Dutch); the member changes it in
Ons dossier.

How pages follow it (one mechanism, the member session): starting a member session puts the
language in the session (``PORTAL_LANGUAGE``), and on family pages
``lib.middleware.ChosenLanguageMiddleware`` prefers it to the language cookie; ``session.current``
brings it up to date on every page (a choice made on another phone). The staff user's cookie is
never written, and a staff page never reads the session's language, so a staff user and a member
in the same browser do not change each other's language. The pages of a link, before any
session exists, show the link's member's language (``show``, the one mechanism of every family
page: ``lib.family_language``), without writing anything.
"""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

from krachtbron.families.models import FamilyMember
from krachtbron.lib.family_language import show
from krachtbron.lib.session_kinds import PORTAL_LANGUAGE
from krachtbron.portal.models import MemberLanguage


def available() -> list[str]:
    """The language codes a member may choose (``settings.LANGUAGES``, in that order)."""
    return [code for code, _name in settings.LANGUAGES]


def language_of(member: FamilyMember) -> str:
    """The member's language code: their stored choice, else ``settings.LANGUAGE_CODE``.
    One query unless ``portal_language`` was loaded with the member (``select_related``)."""
    try:
        code = member.portal_language.language
    except MemberLanguage.DoesNotExist:
        return settings.LANGUAGE_CODE
    return code if code in available() else settings.LANGUAGE_CODE


def invitation_defaults(members: Iterable[FamilyMember]) -> dict[int, str]:
    """Per member id, the language the invitation form proposes: the stored choice, else the
    language of the member's latest questionnaire invitation, else Dutch. Two queries."""
    from krachtbron.questionnaires.models import Invitation

    ids = [m.pk for m in members]
    result = dict.fromkeys(ids, settings.LANGUAGE_CODE)
    latest = (
        Invitation.objects.filter(member_id__in=ids)
        .order_by("member_id", "-created_at", "-id")
        .values_list("member_id", "language")
    )
    seen: set[int] = set()
    for member_id, code in latest:
        if member_id not in seen:
            seen.add(member_id)
            if code in available():
                result[member_id] = code
    stored = MemberLanguage.objects.filter(member_id__in=ids).values_list("member_id", "language")
    for member_id, code in stored:
        if code in available():
            result[member_id] = code
    return result


def follow(request: HttpRequest, code: str) -> None:
    """The member session's language is ``code``: kept in the session for the next pages and
    used for this one."""
    if request.session.get(PORTAL_LANGUAGE) != code:
        request.session[PORTAL_LANGUAGE] = code
    show(request, code)
