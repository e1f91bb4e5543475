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
from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import rights_of
from krachtbron.lib.tokens import hash_token, new_token
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import ConsentDecision, ShareEnd
from krachtbron.networkplan.models import Agreement, PlanCall, Share, ShareConsent
from krachtbron.networkplan.plan import (
    AgreementLine,
    CallLine,
    GoalLine,
    NetworkPlanView,
    build_network_plan,
    urgent_numbers,
)
from krachtbron.networkplan.share_consents import lines_subjects, needs_consent, shown_to_reader


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


def problem_of(
    share: Share, now: datetime | None = None, *, access_ended: bool | None = None
) -> ShareProblem | None:
    """Why ``share`` shows nothing now, or None. A stop is for good (``withdrawn_at``, its
    ``end_reason``: ``share_ends``). A share also ends when the family's own access to its
    plan has ended (``families.closing.family_access_ended``: after closing, when Mijn
    Krachtbron stops), because then no one in the family can see or stop it. ``access_ended``:
    that answer when the caller has it for the share's family (a list of one family's shares);
    else it is asked here (``share.plan.family`` loaded; at most one query)."""
    now = now or timezone.now()
    if share.withdrawn_at is not None:
        # Ended with the family's access (``share_ends``): the reader is told so, as before
        # the end was recorded (no "ask the family": they cannot share any more either).
        if share.end_reason == ShareEnd.ACCESS_ENDED:
            return ShareProblem.ACCESS_ENDED
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
    everything: list[CallLine | AgreementLine | GoalLine] = [
        *chosen_calls,
        *chosen_agreements,
        *chosen_goals,
    ]
    chosen_lines = [line for line in everything if member.pk in lines_subjects(line)]
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
                # The one who shares agrees to exactly what they chose (``share_consents``).
                parts={line.digest: ConsentDecision.GIVEN.value for line in chosen_lines}
                if subject.pk == member.pk
                else {},
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
            withdrawn_at=timezone.now(), withdrawn_by=member, end_reason=ShareEnd.FAMILY
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


# --- What a share holds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareParts:
    """The parts of one share, as lines of the plan, with whom they are about."""

    calls: tuple[CallLine, ...]
    agreements: tuple[AgreementLine, ...]
    goals: tuple[GoalLine, ...]

    @property
    def subjects(self) -> frozenset[int]:
        return frozenset(s for line in self.lines for s in lines_subjects(line))

    @property
    def lines(self) -> tuple[Any, ...]:
        return (*self.calls, *self.agreements, *self.goals)

    def keep(self, wanted: Any) -> "ShareParts":
        """The parts for which ``wanted(line)`` is true."""
        return ShareParts(
            calls=tuple(c for c in self.calls if wanted(c)),
            agreements=tuple(a for a in self.agreements if wanted(a)),
            goals=tuple(g for g in self.goals if wanted(g)),
        )

    def only_about(self, member_id: int) -> "ShareParts":
        """The parts that are (also) about ``member_id``: what that member is asked about."""
        return self.keep(lambda line: member_id in lines_subjects(line))

    def seen_by(self, reader: NetworkPlanView) -> "ShareParts":
        """The parts the reader sees in their own plan (``reader``: ``build_network_plan`` for
        them): the plan's rule, so a count in a reader's list of shares is of what that reader
        can read (second break report, finding 7)."""
        return ShareParts(
            calls=tuple(c for c in self.calls if c.pk in {x.pk for x in reader.calls}),
            agreements=tuple(
                a for a in self.agreements if a.pk in {x.pk for x in reader.agreements}
            ),
            goals=tuple(g for g in self.goals if g.pk in {x.pk for x in reader.shared_goals}),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.calls or self.agreements or self.goals)


def share_queryset() -> Any:
    """Shares with what ``parts_of`` reads: the ids of the chosen parts and the consents."""
    return Share.objects.select_related("person", "created_by", "withdrawn_by").prefetch_related(
        Prefetch("calls", queryset=PlanCall.objects.only("id")),
        Prefetch("agreements", queryset=Agreement.objects.only("id")),
        Prefetch("goals", queryset=Goal.objects.only("id")),
        "consents",
    )


def sharer_view(share: Share, family: Any) -> NetworkPlanView | None:
    """The plan as the member who made ``share`` may see it today (``build_network_plan`` with
    their rights: seven queries), or None when that member has left the file."""
    if share.created_by is None:
        return None
    return build_network_plan(family, rights_of(share.created_by))


def parts_of(share: Share, sharer: NetworkPlanView | None) -> ShareParts:
    """The share's chosen parts as they are in the plan of the member who shared it today
    (``sharer``: ``sharer_view``). One rule, the plan's: a goal made professionals-only or
    moved to a member the sharer may not see, an agreement on such a goal, a stopped agreement,
    a removed call, after closure the adviser's open agreements: all gone from the share as
    from the plan (second break report, finding 1). Read from the share's prefetched ids
    (``share_queryset``). Never an adviser's mark: only names, words, numbers."""
    if sharer is None:
        return ShareParts((), (), ())
    calls = {c.pk for c in share.calls.all()}
    agreements = {a.pk for a in share.agreements.all()}
    goals = {g.pk for g in share.goals.all()}
    return ShareParts(
        calls=tuple(c for c in sharer.calls if c.pk in calls),
        agreements=tuple(a for a in sharer.agreements if a.pk in agreements),
        goals=tuple(g for g in sharer.shared_goals if g.pk in goals),
    )


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
    """The network person's view of ``share`` (loaded with ``load_share``): the share's parts
    in the sharer's plan (``parts_of``) that every member they are about said yes to, as they
    are now (``share_consents.shown_to_reader``)."""
    day = today or timezone.localdate()
    family = share.plan.family
    sharer = sharer_view(share, family)
    parts = parts_of(share, sharer)
    members = {m.pk: m for m in FamilyMember.objects.filter(pk__in=parts.subjects)}
    return SharedView(
        share=share,
        shared_by=share.created_by.first_name if share.created_by else "",
        parts=parts.keep(shown_to_reader(share, members, day)),
        numbers=urgent_numbers(family.team.name),
    )
