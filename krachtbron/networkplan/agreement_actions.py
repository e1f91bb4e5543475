"""Writes of the afspraken: one transaction each, with its access-log row (ADR 11).

The adviser writes with their own account; a family member in Mijn Krachtbron with
``Actor.family_member`` as the actor, and what they add or change is marked as the family's
(``added_by_member``, ``changed_by_member``, ``awaits_adviser``) until the adviser says seen.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.caseload import counted_note
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.lib.locking import StaleEditError, save_versioned
from krachtbron.lib.prepared import Prepared
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.agreements import (
    MEMBER_STATUSES,
    AgreementRefused,
    Performer,
    carer_limit,
    check_performer,
)
from krachtbron.networkplan.choices import OPEN_STATUSES, AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint

Who = User | Actor


def add_agreement(
    user: User,
    family: Family,
    *,
    goal: Goal,
    text: str,
    performer: Performer,
    when: str = "",
    status: str = AgreementStatus.AGREED,
) -> Agreement:
    """The adviser records an agreement. Raises ``AgreementRefused`` when the goal or the
    performer is not of ``family`` (nothing is written)."""
    check_performer(family, goal, performer)
    with transaction.atomic():
        agreement = Agreement.objects.create(
            family=family,
            goal=goal,
            text=text,
            when=when,
            status=status,
            added_by=user,
            **performer.fields(),
        )
        record_file_change(user, family, AccessKind.CREATE, agreement)
    return agreement


def update_agreement(
    user: User,
    agreement: Agreement,
    expected_version: int,
    *,
    goal: Goal,
    text: str,
    performer: Performer,
    when: str,
    status: str,
) -> Agreement:
    """The adviser changes an agreement (status included), optimistically locked: raises
    ``StaleEditError`` when someone saved first, ``AgreementRefused`` for another family's goal
    or performer. Nothing is written then."""
    family = agreement.family
    check_performer(family, goal, performer)
    with transaction.atomic():
        save_versioned(
            agreement,
            expected_version,
            goal=goal,
            text=text,
            when=when,
            status=status,
            **performer.fields(),
        )
        record_file_change(user, family, AccessKind.CHANGE, agreement)
    return agreement


def add_member_agreement(
    member: FamilyMember, *, goal: Goal, text: str, performer: Performer, when: str = ""
) -> Agreement:
    """A family member adds an agreement in Mijn Krachtbron: marked as the family's, waiting
    for the adviser to see it. The caller has checked the member may see ``goal`` (and the
    performer); the family rule is checked here."""
    family = member.family
    check_performer(family, goal, performer)
    with transaction.atomic():
        agreement = Agreement.objects.create(
            family=family,
            goal=goal,
            text=text,
            when=when,
            added_by_member=member,
            family_changed_at=timezone.now(),
            awaits_adviser=True,
            **performer.fields(),
        )
        record_file_change(Actor.family_member(member), family, AccessKind.CREATE, agreement)
    return agreement


def set_member_status(
    member: FamilyMember, agreement: Agreement, expected_version: int, status: str
) -> bool:
    """A member sets "gedaan", "loopt" or "gestopt". False when it was already so (nothing
    written); ``StaleEditError`` when someone changed it since the member's page was made;
    ValueError for another status."""
    if status not in {s.value for s in MEMBER_STATUSES}:
        raise ValueError(f"Not a status a member sets: {status!r}")
    if agreement.status == status and agreement.version == expected_version:
        return False
    with transaction.atomic():
        save_versioned(
            agreement,
            expected_version,
            status=status,
            changed_by_member=member,
            family_changed_at=timezone.now(),
            awaits_adviser=True,
        )
        record_file_change(
            Actor.family_member(member),
            agreement.family,
            AccessKind.CHANGE,
            agreement,
            extra={"status": status},
        )
    return True


def mark_seen(user: User, family: Family) -> int:
    """The adviser has seen what the family added or changed: the marks go (the records of
    who added and changed stay). Returns how many; 0 writes nothing."""
    with transaction.atomic():
        seen = Agreement.objects.filter(family=family, awaits_adviser=True).update(
            awaits_adviser=False
        )
        if seen:
            log_access(
                user,
                family,
                AccessKind.CHANGE,
                object_type="agreements",  # the family's list: about the whole family
                extra={"seen": seen},
            )
    return seen


def set_contact_point(
    who: Who,
    person: NetworkPerson,
    expected_version: int,
    *,
    turns_to: NetworkPerson | None,
    turns_to_text: str,
) -> ContactPoint:
    """Set the aanspreekpunt of ``person``: another person of the same family, or a few words.
    ``expected_version`` 0: there was none yet when the form was made. Raises StaleEditError
    when someone set or changed it since; AgreementRefused for a person of another family or
    the person itself."""
    if turns_to is not None and (
        turns_to.family_id != person.family_id or turns_to.pk == person.pk
    ):
        raise AgreementRefused("The contact point must be another person of the same family.")
    if (turns_to is None) == (not turns_to_text):
        raise AgreementRefused("A contact point is a person or a few words, one of the two.")
    changes: dict[str, Any] = {"turns_to": turns_to, "turns_to_text": turns_to_text}
    with transaction.atomic():
        if expected_version == 0:
            try:
                with transaction.atomic():
                    point = ContactPoint.objects.create(person=person, **changes)
            except IntegrityError as error:
                raise StaleEditError from error
            kind = AccessKind.CREATE
        else:
            point = ContactPoint.objects.filter(person=person).first() or ContactPoint(
                person=person, version=0
            )
            if point.pk is None:
                raise StaleEditError
            save_versioned(point, expected_version, **changes)
            kind = AccessKind.CHANGE
        record_file_change(who, person.family, kind, point)
    return point


# --- The caseload -------------------------------------------------------------------------------

# Compiled once per process (``lib.prepared``): the caseload runs them on every view.
_AWAITING = Prepared(
    lambda family_ids: (
        Agreement.objects.filter(family_id__in=family_ids, awaits_adviser=True)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)
_OVERLOADED = Prepared(
    lambda family_ids, limit: (
        Agreement.objects.filter(
            family_id__in=family_ids,
            status__in=sorted(OPEN_STATUSES),
            performer_person__may_be_overloaded=True,
        )
        .values("family_id", "performer_person_id")
        .annotate(n=Count("id"))
        .filter(n__gt=limit)
        .values_list("family_id")
    )
)


#: For the caseload cards: "2 afspraken van het gezin" per family with agreements the family
#: added or changed that the adviser has not seen.
caseload_family_notes = counted_note(
    _AWAITING,
    ngettext_lazy("%(n)d afspraak van het gezin", "%(n)d afspraken van het gezin", "n"),
)


def caseload_overload_notes(family_ids: list[int]) -> dict[int, str]:
    """For the caseload cards: "Let op: iemand kan overbelast raken" per family with a person
    marked so who carries more open agreements than ``carer_limit()`` (one query)."""
    families = _OVERLOADED.rows(tuple(family_ids), carer_limit())
    note = gettext("Let op: iemand uit het netwerk kan overbelast raken")
    return dict.fromkeys({family_id for (family_id,) in families}, note)
