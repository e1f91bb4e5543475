"""The family's list of shares in Mijn Krachtbron (issue 15 item 2): which shares one member
sees and may withdraw, what each holds as far as that member may see it, and what in it is
about them (``networkplan.sharing`` makes, withdraws and shows shares; the rules of who sees a
share are in its module doc; consent part by part in ``share_consents``)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import ViewerRights
from krachtbron.networkplan.choices import ConsentDecision
from krachtbron.networkplan.models import NetworkPlan, Share
from krachtbron.networkplan.plan import NetworkPlanView, build_network_plan
from krachtbron.networkplan.share_consents import (
    needs_consent,
    shown_to_reader,
    unanswered,
)
from krachtbron.networkplan.sharing import (
    ShareParts,
    parts_of,
    problem_of,
    share_queryset,
    sharer_view,
)


@dataclass(frozen=True)
class ShareRow:
    """One share as one member sees it in the portal. Who has not said yes is never named
    (``waiting`` only): naming them would press a young person who said no or nothing."""

    share: Share
    parts: ShareParts  # only the parts this member sees in their own plan (``seen_by``)
    state: str  # "active", "expired", "withdrawn"
    waiting: bool  # some parts stay out until every member they are about says yes
    my_decision: str  # "gevraagd" while a part about them waits for their answer, else their
    # last answer; "" when the share is not about them (or they need not agree)
    about_me: ShareParts  # the parts about this member: what their yes or no is about
    to_answer: ShareParts  # of those, the ones new or changed since they last answered
    answered_before: bool  # they answered this share before (so ``to_answer`` is news)
    shared_by: str  # the first name of the member who made it ("" when that member is gone)

    @property
    def asking(self) -> ShareParts:
        """What "Mag dit?" lists: what is new, else everything about them (to change their
        mind)."""
        return self.to_answer if not self.to_answer.is_empty else self.about_me


def visible_shares(
    member: FamilyMember, rights: ViewerRights, today: date | None = None
) -> list[ShareRow]:
    """The family's shares ``member`` may see and withdraw (see the module doc), newest first,
    with what each holds (what ``member`` sees of it in their own plan), its state, whether
    parts wait for a yes (never who), and what in it is about ``member``. The plan is built
    once for the reader and once per member who shared."""
    day = today or timezone.localdate()
    plan = NetworkPlan.objects.filter(family_id=member.family_id).first()
    if plan is None or not rights.has_portal:
        return []
    shares = list(share_queryset().filter(plan=plan).order_by("-created_at", "-id"))
    if not shares:
        return []
    family = member.family
    reader = build_network_plan(family, rights)
    sharers: dict[int | None, NetworkPlanView | None] = {member.pk: reader}
    members = {m.pk: m for m in FamilyMember.objects.filter(family_id=member.family_id)}
    now = timezone.now()
    ended = family_access_ended(family, timezone.localdate(now))
    rows = []
    for share in shares:
        if share.created_by_id not in sharers:
            sharers[share.created_by_id] = sharer_view(share, family)
        parts = parts_of(share, sharers[share.created_by_id])
        subjects = parts.subjects
        if not (
            share.created_by_id == member.pk
            or member.pk in subjects
            or all(rights.may_see_member(pk) for pk in subjects)
        ):
            continue
        problem = problem_of(share, now, access_ended=ended)
        about_me = parts.only_about(member.pk)
        to_answer = about_me.keep(unanswered(share, member, day))
        mine = next((c for c in share.consents.all() if c.member_id == member.pk), None)
        if not to_answer.is_empty:
            decision = ConsentDecision.PENDING.value
        elif mine is not None and not about_me.is_empty and needs_consent(member, day):
            decision = mine.decision
        else:
            decision = ""
        rows.append(
            ShareRow(
                share=share,
                parts=parts.seen_by(reader),
                state="active" if problem is None else problem.value,
                waiting=parts.keep(shown_to_reader(share, members, day)) != parts,
                my_decision=decision,
                about_me=about_me,
                to_answer=to_answer,
                answered_before=mine is not None and bool(mine.parts),
                shared_by=share.created_by.first_name if share.created_by else "",
            )
        )
    return rows
