"""The family's list of shares in Mijn Krachtbron (issue 15 item 2): which shares one member
sees and may withdraw, what each holds as far as that member may see it, and what in it is
about them (``networkplan.sharing`` makes, withdraws and shows shares; the rules of who sees a
share are in its module doc)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import ViewerRights
from krachtbron.networkplan.choices import ConsentDecision
from krachtbron.networkplan.models import NetworkPlan, Share
from krachtbron.networkplan.plan import hides_open_adviser_agreements
from krachtbron.networkplan.sharing import (
    ShareParts,
    left_out,
    needs_consent,
    parts_of,
    problem_of,
    share_queryset,
)


@dataclass(frozen=True)
class ShareRow:
    """One share as one member sees it in the portal. Who has not said yes is never named
    (``waiting`` only): naming them would press a young person who said no or nothing."""

    share: Share
    parts: ShareParts  # only the parts this member may see (``ShareParts.seen_by``)
    state: str  # "active", "expired", "withdrawn"
    waiting: bool  # some parts stay out until every member they are about says yes
    my_decision: str  # this member's ConsentDecision value, "" when the share is not about them
    about_me: ShareParts  # the parts about this member: what their yes or no is about
    shared_by: str  # the first name of the member who made it ("" when that member is gone)


def visible_shares(
    member: FamilyMember, rights: ViewerRights, today: date | None = None
) -> list[ShareRow]:
    """The family's shares ``member`` may see and withdraw (see the module doc), newest first,
    with what each holds (as far as ``member`` may see it), its state, whether parts wait for a
    yes (never who), and what in it is about ``member``. Five queries."""
    day = today or timezone.localdate()
    plan = NetworkPlan.objects.filter(family_id=member.family_id).first()
    if plan is None or not rights.has_portal:
        return []
    shares = list(share_queryset().filter(plan=plan).order_by("-created_at", "-id"))
    if not shares:
        return []
    plan_goals = set(plan.shared_goals.values_list("pk", flat=True))
    members = {m.pk: m for m in FamilyMember.objects.filter(family_id=member.family_id)}
    now = timezone.now()
    ended = family_access_ended(member.family, timezone.localdate(now))
    closed = hides_open_adviser_agreements(member.family)
    rows = []
    for share in shares:
        parts = parts_of(share, plan_goals, closed=closed)
        subjects = parts.subjects
        if not (
            share.created_by_id == member.pk
            or member.pk in subjects
            or all(rights.may_see_member(pk) for pk in subjects)
        ):
            continue
        problem = problem_of(share, now, access_ended=ended)
        decisions = {c.member_id: c.decision for c in share.consents.all()}
        out = left_out(share, parts, members, day)
        mine = decisions.get(member.pk, "")
        if not mine and member.pk in subjects and needs_consent(member, day):
            mine = ConsentDecision.PENDING.value
        rows.append(
            ShareRow(
                share=share,
                parts=parts.seen_by(rights),
                state="active" if problem is None else problem.value,
                waiting=bool(out),
                my_decision=mine,
                about_me=parts.only_about(member.pk),
                shared_by=share.created_by.first_name if share.created_by else "",
            )
        )
    return rows
