"""Sharing the netwerkplan with one person from the network (issue 15, item 2; SECURITY.md 30).

A family member (never the adviser) chooses a person from the map and which calls, agreements
and goals of the plan that person may read. The share gets a personal link (``lib.tokens``: 256
random bits, only the sha256 stored) that works ``settings.SHARE_DAYS`` days and can be withdrawn
at any time. Opening the link starts a session for that share only (``begin_session``); the
network person's page shows only the chosen parts, and of those only what every member they are
about agreed to (``ShareConsent``). Every view is an access-log row with
``Actor.network_person`` as the actor.

Whose information is in a part (``subjects``): a goal's member; an agreement's performer and
its goal's member; a call's person when that person is one member's own network. Consent is
asked of every such member aged 12 or over (``needs_consent``); the member who shares consents by
sharing. Until a member says yes, the parts about them stay out of the view; a member who turns
12 after the share was made is asked then (no row yet counts as not yet given).

Who sees a share in the portal, and may withdraw it (``share_rows.visible_shares``): the
member who made it, every member it is about, and every member who may see the information of
everyone it is about (``families.rights``: who could have made this share themselves).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.choices import MemberRole
from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import (
    OWN_RIGHTS_AGE,
    ViewerRights,
    exact_age,
    oldest_possible_age,
)
from krachtbron.lib.tokens import hash_token, new_token
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import AgreementStatus, ConsentDecision
from krachtbron.networkplan.models import Agreement, PlanCall, Share, ShareConsent
from krachtbron.networkplan.plan import (
    AgreementLine,
    CallLine,
    GoalLine,
    NetworkPlanView,
    display_phone,
    hides_open_adviser_agreements,
    performer_label,
    shown_after_closure,
    urgent_numbers,
)


class ShareProblem(Enum):
    """Why a share's link or session shows nothing; each has a friendly page."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    # The family's own access to its plan ended (after closing): no one in the family can
    # share it again, so the page does not send the reader to them.
    ACCESS_ENDED = "access_ended"
    WITHDRAWN = "withdrawn"
    THROTTLED = "throttled"  # too many unknown links from this address (``lib.throttle``)

    @property
    def status(self) -> int:
        if self is ShareProblem.THROTTLED:
            return 429
        return 404 if self is ShareProblem.UNKNOWN else 410


class NotShareable(ValueError):
    """The share cannot be made: the plan is not ready, or a chosen part is not the member's to
    share. ``str(error)`` is not shown; the view says it in Dutch."""


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


def problem_of(
    share: Share, now: datetime | None = None, *, access_ended: bool | None = None
) -> ShareProblem | None:
    """Why ``share`` shows nothing now, or None. A share also ends when the family's own access
    to its plan has ended (``families.closing.family_access_ended``: after closing, when Mijn
    Krachtbron stops), because then no one in the family can see or stop it. ``access_ended``:
    that answer when the caller has it for the share's family (a list of one family's shares);
    else it is asked here (``share.plan.family`` loaded; at most one query)."""
    now = now or timezone.now()
    if share.withdrawn_at is not None:
        return ShareProblem.WITHDRAWN
    if share.expires_at <= now:
        return ShareProblem.EXPIRED
    if access_ended is None:
        access_ended = family_access_ended(share.plan.family, timezone.localdate(now))
    if access_ended:
        return ShareProblem.ACCESS_ENDED
    return None


# --- Making, withdrawing, consenting (a member in Mijn Krachtbron) -----------------------------


def create_share(
    member: FamilyMember,
    view: NetworkPlanView,
    person: NetworkPerson,
    *,
    calls: Iterable[int],
    agreements: Iterable[int],
    goals: Iterable[int],
    language: str = "nl",
    today: date | None = None,
) -> tuple[Share, str]:
    """Share the parts chosen (ids) of ``view`` (the plan as ``member`` sees it) with
    ``person``; returns the share and its token (shown once). Raises ``NotShareable`` when the
    plan is not ready, nothing is chosen, or a chosen id is not in ``view`` (not the member's to
    share). Consent rows: given for ``member``, asked of every other member it is about who
    ``needs_consent``."""
    day = today or timezone.localdate()
    if view.plan_pk is None or view.ready_at is None:
        raise NotShareable("The plan is not ready.")
    if person.family_id != view.family_id:
        raise NotShareable("The person is not on this family's map.")
    chosen_calls = _chosen(calls, {c.pk: c for c in view.calls})
    chosen_agreements = _chosen(agreements, {a.pk: a for a in view.agreements})
    chosen_goals = _chosen(goals, {g.pk: g for g in view.shared_goals})
    if not (chosen_calls or chosen_agreements or chosen_goals):
        raise NotShareable("Nothing chosen.")
    subject_ids = (
        {c.subject for c in chosen_calls if c.subject is not None}
        | {s for a in chosen_agreements for s in a.subjects}
        | {g.subject for g in chosen_goals if g.subject is not None}
    )
    subjects = list(FamilyMember.objects.filter(family_id=view.family_id, pk__in=subject_ids))
    token = new_token()
    now = timezone.now()
    with transaction.atomic():
        share = Share.objects.create(
            plan_id=view.plan_pk,
            person=person,
            token_hash=hash_token(token),
            created_by=member,
            expires_at=now + timedelta(days=settings.SHARE_DAYS),
            language=language,
        )
        share.calls.set([c.pk for c in chosen_calls])
        share.agreements.set([a.pk for a in chosen_agreements])
        share.goals.set([g.pk for g in chosen_goals])
        consents = [
            ShareConsent(
                share=share,
                member=subject,
                decision=ConsentDecision.GIVEN
                if subject.pk == member.pk
                else ConsentDecision.PENDING,
                decided_at=now if subject.pk == member.pk else None,
            )
            for subject in subjects
            if needs_consent(subject, day)
        ]
        if member.pk not in subject_ids:  # the one who shares agrees by sharing
            consents.append(
                ShareConsent(
                    share=share, member=member, decision=ConsentDecision.GIVEN, decided_at=now
                )
            )
        ShareConsent.objects.bulk_create(consents)
        record_file_change(
            Actor.family_member(member),
            member.family,
            AccessKind.CREATE,
            share,
            extra={
                "calls": len(chosen_calls),
                "agreements": len(chosen_agreements),
                "goals": len(chosen_goals),
                "asked": sum(1 for c in consents if c.decision == ConsentDecision.PENDING),
            },
        )
    return share, token


T = TypeVar("T")


def _chosen(ids: Iterable[int], available: dict[int, T]) -> list[T]:
    found = []
    for pk in dict.fromkeys(ids):
        if pk not in available:
            raise NotShareable("A chosen part is not in the member's plan.")
        found.append(available[pk])
    return found


def withdraw_share(member: FamilyMember, share: Share) -> bool:
    """Withdraw the share: its link and any session opened with it stop at once. False when it
    was already withdrawn (a conditional update: two clicks, one withdrawal)."""
    with transaction.atomic():
        changed = Share.objects.filter(pk=share.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=member
        )
        if changed:
            record_file_change(
                Actor.family_member(member),
                member.family,
                AccessKind.CHANGE,
                share,
                extra={"action": "withdraw"},
            )
    return bool(changed)


def decide_consent(member: FamilyMember, share: Share, yes: bool) -> None:
    """``member`` says yes or no to their information being in ``share`` (they may change their
    mind while the share works). The caller checked that the share is about them."""
    decision = ConsentDecision.GIVEN if yes else ConsentDecision.REFUSED
    with transaction.atomic():
        consent, _new = ShareConsent.objects.select_for_update().get_or_create(
            share=share, member=member
        )
        consent.decision = decision
        consent.decided_at = timezone.now()
        consent.save(update_fields=["decision", "decided_at"])
        record_file_change(
            Actor.family_member(member),
            member.family,
            AccessKind.CHANGE,
            consent,
            extra={"decision": decision.value},
        )


# --- What a share holds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareParts:
    """The parts of one share, as lines of the plan, with whom they are about."""

    calls: tuple[CallLine, ...]
    agreements: tuple[AgreementLine, ...]
    goals: tuple[GoalLine, ...]

    @property
    def subjects(self) -> frozenset[int]:
        return frozenset(
            {c.subject for c in self.calls if c.subject is not None}
            | {s for a in self.agreements for s in a.subjects}
            | {g.subject for g in self.goals if g.subject is not None}
        )

    def without(self, left_out: set[int]) -> "ShareParts":
        """The parts about none of the members ``left_out``."""
        return ShareParts(
            calls=tuple(c for c in self.calls if c.subject not in left_out),
            agreements=tuple(a for a in self.agreements if not (a.subjects & left_out)),
            goals=tuple(g for g in self.goals if g.subject not in left_out),
        )

    def only_about(self, member_id: int) -> "ShareParts":
        """The parts that are (also) about ``member_id``: what that member is asked about."""
        return ShareParts(
            calls=tuple(c for c in self.calls if c.subject == member_id),
            agreements=tuple(a for a in self.agreements if member_id in a.subjects),
            goals=tuple(g for g in self.goals if g.subject == member_id),
        )

    def seen_by(self, rights: ViewerRights) -> "ShareParts":
        """The parts a reader with ``rights`` may see: each part's members all visible to
        them (a part about the whole family is visible). Counts in a reader's list of shares
        come from this, never from the whole share (finding 6 of the issue-15 break report)."""
        return ShareParts(
            calls=tuple(c for c in self.calls if rights.may_see_member(c.subject)),
            agreements=tuple(
                a for a in self.agreements if all(rights.may_see_member(s) for s in a.subjects)
            ),
            goals=tuple(g for g in self.goals if rights.may_see_member(g.subject)),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.calls or self.agreements or self.goals)


def share_queryset() -> Any:
    return Share.objects.select_related("person", "created_by", "withdrawn_by").prefetch_related(
        Prefetch("calls", queryset=PlanCall.objects.select_related("person").order_by("id")),
        Prefetch(
            "agreements",
            queryset=Agreement.objects.exclude(status=AgreementStatus.STOPPED)
            .select_related("performer_member", "performer_person", "goal")
            .order_by("created_at", "id"),
        ),
        Prefetch("goals", queryset=Goal.objects.select_related("member").order_by("id")),
        "consents",
    )


def parts_of(share: Share, plan_goals: set[int], *, closed: bool = False) -> ShareParts:
    """The share's chosen parts that are still in the plan (``plan_goals``: the plan's
    ``shared_goals``; a stopped agreement or a removed call is gone; ``closed``: the family's
    help is closed, the adviser's open agreements are gone, ``plan.shown_after_closure``),
    read from the share's prefetched rows (``share_queryset``). Never an adviser's mark: only
    names, words, numbers."""
    calls = tuple(
        CallLine(
            pk=call.pk,
            person_pk=call.person_id,
            who=call.person.label,
            call_for=call.call_for,
            phone=display_phone(call.phone),
            phone_uri=f"tel:{call.phone}" if call.phone else "",
            subject=call.person.member_id,
        )
        for call in share.calls.all()
    )
    agreements = tuple(
        AgreementLine(
            pk=agreement.pk,
            text=agreement.text,
            who=performer_label(agreement),
            when=agreement.when,
            status=agreement.status,
            status_label=str(agreement.get_status_display()),
            goal_text=agreement.goal.text if agreement.goal_id in plan_goals else "",
            subjects=frozenset(
                m
                for m in (
                    agreement.performer_member_id,
                    agreement.goal.member_id,
                    agreement.performer_person.member_id if agreement.performer_person else None,
                )
                if m is not None
            ),
        )
        for agreement in share.agreements.all()
        if shown_after_closure(agreement, closed)
    )
    goals = tuple(
        GoalLine(
            pk=goal.pk,
            text=goal.text,
            who=goal.member.first_name if goal.member else "",
            subject=goal.member_id,
            chosen=True,
        )
        for goal in share.goals.all()
        if goal.pk in plan_goals
    )
    return ShareParts(calls, agreements, goals)


def _consented(share: Share) -> set[int]:
    return {c.member_id for c in share.consents.all() if c.decision == ConsentDecision.GIVEN}


def left_out(
    share: Share, parts: ShareParts, members: dict[int, FamilyMember], day: date
) -> set[int]:
    """The members the share is about whose information stays out on ``day``: they need to
    agree (``needs_consent``) and have not said yes."""
    given = _consented(share)
    return {
        pk
        for pk in parts.subjects
        if pk not in given and (pk not in members or needs_consent(members[pk], day))
    }


@dataclass(frozen=True)
class SharedView:
    """What the network person sees: the parts every member they are about agreed to."""

    share: Share
    shared_by: str  # the first name of the member who shared it
    parts: ShareParts
    numbers: tuple[Any, ...]


def load_share(pk: int) -> Share | None:
    found: Share | None = (
        share_queryset().filter(pk=pk).select_related("plan__family__team").first()
    )
    return found


def shared_view(share: Share, today: date | None = None) -> SharedView:
    """The network person's view of ``share`` (loaded with ``load_share``): three more queries."""
    day = today or timezone.localdate()
    plan_goals = set(share.plan.shared_goals.values_list("pk", flat=True))
    family = share.plan.family
    parts = parts_of(share, plan_goals, closed=hides_open_adviser_agreements(family))
    members = {m.pk: m for m in FamilyMember.objects.filter(pk__in=parts.subjects)}
    return SharedView(
        share=share,
        shared_by=share.created_by.first_name if share.created_by else "",
        parts=parts.without(left_out(share, parts, members, day)),
        numbers=urgent_numbers(share.plan.family.team.name),
    )
