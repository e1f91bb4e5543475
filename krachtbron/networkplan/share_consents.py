"""Consent to a share, part by part (issue 15; second break report, finding 2).

A member's yes or no is for the parts they read when they answered, not for the share as a
whole: ``ShareConsent.parts`` keeps, per part, its fingerprint (``plan.part_digest``: its kind,
id, words, who does it, which and whose goal) with "ja" or "nee". At every view the share's
parts are fingerprinted again, as they are now. A part about a member is shown only when that
member said yes to exactly this fingerprint: a part that became about them, or whose words
changed since (an agreement edited, given another performer or moved to another goal, a goal's
text edited, a call line changed, a person renamed on the map), stays out until they answer
again, and their portal asks "Mag dit?" about just those parts. A no stays a no for the parts
it was given for. One rule at view time, so no writer of the plan needs to know about shares.

Who must agree (``needs_consent``): an opvoeder, and a young person aged 12 or over (of unknown
age too). The member who shares agrees, by sharing, to what they chose.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import OWN_RIGHTS_AGE, exact_age, oldest_possible_age
from krachtbron.networkplan.choices import ConsentDecision
from krachtbron.networkplan.models import Share, ShareConsent

YES, NO = ConsentDecision.GIVEN.value, ConsentDecision.REFUSED.value


def needs_consent(member: FamilyMember, day: date) -> bool:
    """Must ``member`` agree before their information is shown to a network person? An opvoeder,
    and a young person aged 12 or over; a young person of unknown age too (we cannot tell they
    are under 12: their information stays out until the age is known and they agree)."""
    if member.role == MemberRole.PARENT:
        return True
    age = exact_age(member, day)
    if age is None and member.birth_year is not None:
        age = oldest_possible_age(member.birth_year, day)
    return age is None or age >= OWN_RIGHTS_AGE


def lines_subjects(line: Any) -> frozenset[int]:
    """The members a line of the plan is about (a call's or goal's ``subject``, an agreement's
    ``subjects``)."""
    if hasattr(line, "subjects"):
        return frozenset(line.subjects)
    return frozenset() if line.subject is None else frozenset({line.subject})


def answers(share: Share) -> dict[int, dict[str, str]]:
    """{member id: {fingerprint: "ja" | "nee"}} from the share's prefetched consents."""
    return {c.member_id: c.parts if isinstance(c.parts, dict) else {} for c in share.consents.all()}


def shown_to_reader(
    share: Share, members: dict[int, FamilyMember], day: date
) -> Callable[[Any], bool]:
    """Is a line shown to the network person on ``day``? Yes when every member it is about
    either need not agree (``needs_consent``) or said yes to the line as it is now. A member
    who is gone (not in ``members``) counts as not asked."""
    given = answers(share)

    def shown(line: Any) -> bool:
        for pk in lines_subjects(line):
            if pk in members and not needs_consent(members[pk], day):
                continue
            if given.get(pk, {}).get(line.digest) != YES:
                return False
        return True

    return shown


def unanswered(share: Share, member: FamilyMember, day: date) -> Callable[[Any], bool]:
    """Is a line about ``member`` one they have not answered as it is now (new or changed)?"""
    mine = answers(share).get(member.pk, {})
    asked = needs_consent(member, day)

    def open_question(line: Any) -> bool:
        return asked and member.pk in lines_subjects(line) and line.digest not in mine

    return open_question


def decide_consent(
    member: FamilyMember, share: Share, yes: bool, shown: Iterable[str], about_me: Iterable[Any]
) -> int:
    """``member`` says yes or no to the parts about them they were shown (``shown``: the
    fingerprints on the form; ``about_me``: the share's lines about them now). Only a shown
    fingerprint that is still one of those lines is answered: a part that changed between
    reading and answering stays unanswered, and is asked again. Returns how many parts were
    answered (0: nothing written). The caller checked that the share is about them."""
    current = {line.digest for line in about_me}
    chosen = [digest for digest in dict.fromkeys(shown) if digest in current]
    if not chosen:
        return 0
    decision = ConsentDecision.GIVEN if yes else ConsentDecision.REFUSED
    with transaction.atomic():
        consent, _new = ShareConsent.objects.select_for_update().get_or_create(
            share=share, member=member
        )
        # Earlier answers stay: a part changed back is the part they answered before.
        parts = dict(consent.parts) if isinstance(consent.parts, dict) else {}
        parts.update(dict.fromkeys(chosen, decision.value))
        consent.parts = parts
        consent.decision = decision
        consent.decided_at = timezone.now()
        consent.save(update_fields=["parts", "decision", "decided_at"])
        record_file_change(
            Actor.family_member(member),
            member.family,
            AccessKind.CHANGE,
            consent,
            extra={"decision": decision.value, "parts": len(chosen)},
        )
    return len(chosen)
