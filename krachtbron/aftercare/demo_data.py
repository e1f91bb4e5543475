"""Demo data for closing the help and follow-up (issue 15, items 3 and 4).

* "Gezin Nazorg" (KB-DEMO-NZ0, adviseur1, Team Noord): closed three months and four days ago
  with follow-up agreed, with people who stay; its 1-month check-in answered, its 3-month one
  open today (whenever the demo is loaded: dates count back from now), its 6-month one still to
  come. Its netwerkplan, agreements and shares are made in ``portal.aftercare_demo`` (a higher
  layer: aftercare and networkplan do not import each other).
* "Gezin Terugbel" (KB-DEMO-NZ7): its 1-month check-in asked for contact again eight days ago
  (over tijd on the team's Nazorg page).
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

#: The closed family with follow-up and a netwerkplan (README and docs name it).
SHOWCASE_REFERENCE = "KB-DEMO-NZ0"


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
    today = timezone.localdate(now)
    # Three months and four days ago: the 3-month check-in opened four days ago.
    closed_on = add_months(today, -3) - timedelta(days=4)
    closed_at = now - timedelta(days=(today - closed_on).days)
    family, closure, parent = _closed_family(
        ctx, SHOWCASE_REFERENCE, "Gezin Nazorg", adviser, closed_at
    )
    family.members.create(first_name="Jayden", role=MemberRole.YOUTH, birth_year=today.year - 9)
    for label, relation, closeness in (
        ("tante Samira", "familie", 1),
        ("buurman Kees", "buurt", 2),
    ):
        NetworkPerson.objects.create(
            family=family,
            label=label,
            relation=relation,
            closeness=closeness,
            stays_after_help=True,
            gives_practical=True,
        )
    family.goals.create(
        text="We hebben een vaste weekplanning die we zelf volhouden.", life_domain="opvoeden"
    )
    family.goals.create(text="Jayden gaat elke dag naar school.", life_domain="werk_school")
    _answer(
        closure,
        1,
        parent,
        closed_at + timedelta(days=33),
        score=7,
        agreements_work="ja",
        wants_contact=False,
    )
    # A second family whose 1-month check-in asked for contact eight days ago (over tijd).
    other, other_closure, other_parent = _closed_family(
        ctx, "KB-DEMO-NZ7", "Gezin Terugbel", adviser, now - timedelta(days=45)
    )
    _answer(
        other_closure,
        1,
        other_parent,
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
