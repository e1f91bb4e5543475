"""Demo data for closing the help and follow-up (issue 15, items 3 and 4).

* "Gezin Nazorg" (adviseur1, Team Noord): closed four months ago with follow-up agreed, with
  a person who stays (the netwerkplan's demo is networkplan's own); its 1-month check-in
  answered, its 3-month one answered with "ik wil weer contact" eight days ago (over tijd on
  the team's Nazorg page), its 6-month one still to come.
* Six more closed families of Team Noord whose 1- and 3-month check-ins were answered in the
  last closed quarter: teamleider1 sees them in "Nazorg in cijfers" (at least 5 families behind
  each figure); the 3-month figures of the other teams stay "te weinig gezinnen".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.aftercare.actions import add_months
from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import FamilyStatus, MemberRole
from krachtbron.families.models import CaseAssignment, Family, FamilyMember
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start


def _closed_family(
    ctx: DemoContext, reference: str, name: str, adviser: User, closed_at: datetime
) -> tuple[Family, Closure, FamilyMember]:
    team = ctx.teams[0]
    family = Family.objects.create(
        reference=reference, display_name=name, team=team, status=FamilyStatus.CLOSED
    )
    CaseAssignment.objects.create(family=family, adviser=adviser)
    parent = family.members.create(
        first_name=ctx.rng.choice(["Samira", "Joyce", "Kwame", "Ingrid", "Reza", "Mirjam"]),
        role=MemberRole.PARENT,
        birth_year=ctx.rng.randint(1978, 1994),
        has_parental_authority=True,
    )
    closure = Closure.objects.create(
        family=family,
        closed_at=closed_at,
        closed_by=adviser,
        followup_consent=True,
        portal_until=add_months(timezone.localdate(closed_at), 12),
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            family=family,
            closure=closure,
            month=month,
            due=add_months(timezone.localdate(closed_at), month),
        )
        for month in (1, 3, 6)
    )
    return family, closure, parent


def _answer(
    closure: Closure, month: int, member: FamilyMember, when: datetime, **answers: object
) -> None:
    FollowUp.objects.filter(closure=closure, month=month).update(
        answered_at=when,
        answered_by=member,
        answered_via="portaal",
        team_id=closure.family.team_id,
        **answers,
    )


def _showcase(ctx: DemoContext) -> None:
    from krachtbron.network.models import NetworkPerson

    adviser = ctx.users["adviseur1"]
    now = timezone.now()
    family, closure, parent = _closed_family(
        ctx, "KB-DEMO-NZ0", "Gezin Nazorg", adviser, now - timedelta(days=125)
    )
    NetworkPerson.objects.create(
        family=family,
        label="tante Samira",
        relation="familie",
        closeness=1,
        stays_after_help=True,
    )
    _answer(
        closure,
        1,
        parent,
        now - timedelta(days=92),
        score=7,
        agreements_work="ja",
        wants_contact=False,
    )
    _answer(
        closure,
        3,
        parent,
        now - timedelta(days=8),
        score=4,
        agreements_work="deels",
        wants_contact=True,
    )


def _figures(ctx: DemoContext) -> None:
    """Six families of Team Noord with both check-ins answered in the last closed quarter."""
    adviser = ctx.users["adviseur1"]
    last = previous_quarter(current_quarter())
    start = quarter_start(last)
    for index in range(6):
        answered = start + timedelta(days=10 + 9 * index, hours=10)
        family, closure, parent = _closed_family(
            ctx,
            f"KB-DEMO-NZ{index + 1}",
            f"Gezin Na-{index + 1}",
            adviser,
            answered - timedelta(days=95),
        )
        for month, back in ((1, 60), (3, 0)):
            _answer(
                closure,
                month,
                parent,
                answered - timedelta(days=back),
                score=ctx.rng.randint(5, 9),
                agreements_work=ctx.rng.choice(["ja", "ja", "ja", "deels", "nee"]),
                wants_contact=False,
            )


def load(ctx: DemoContext) -> None:
    _showcase(ctx)
    _figures(ctx)
