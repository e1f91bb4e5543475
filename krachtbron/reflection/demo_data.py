"""Demo data for reflection. Loaded by `manage.py load_demo` after the families and
questionnaires loaders (and before insight's, which adds family questionnaires for the figures).

* Each demo team gets a few extra colleagues without a login (so that teams reach the minimum of
  5 respondents), and everyone reflects once per quarter over the last four closed quarters and
  the current one; most of the reflections count in the team's figures.
* A closed organisation round with answers from every team (its figures are published when it
  closes), and an open organisation round with 6 answers: while it is open, its page shows the
  response rate and no results.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from django.utils import timezone, translation
from django.utils.formats import date_format

from krachtbron.accounts.models import Role, User
from krachtbron.demo.context import DemoContext
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import (
    current_quarter,
    previous_quarter,
    quarter_start,
)
from krachtbron.reflection import actions
from krachtbron.reflection.models import ProfessionalAnswer, ProfessionalReflection, RoundScope

EXTRA_COLLEAGUES = [
    ("Lotte", "Brink"),
    ("Hamza", "Aydın"),
    ("Femke", "Smits"),
    ("Abena", "Mensah"),
    ("Bram", "Kuipers"),
    ("Nora", "El Amrani"),
    ("Sven", "de Wit"),
    ("Hiwet", "Gebremariam"),
    ("Yara", "Pinas"),
]
NOTES = [
    "Meenemen naar intervisie: hoe ik mijn grenzen bewaak bij gezinnen met veel zorgen.",
    "Goed gesprek gehad met mijn teamleider over scholing in oplossingsgericht werken.",
    "Meer energie sinds ik vaker met een collega samen op huisbezoek ga.",
]


def quarters_back(count: int) -> list[int]:
    """The current quarter and the ``count - 1`` before it, oldest first."""
    keys = [current_quarter()]
    while len(keys) < count:
        keys.append(previous_quarter(keys[-1]))
    return list(reversed(keys))


def moment_in(quarter: int, rng: Random) -> datetime:
    """A moment in the quarter, never in the future."""
    start = quarter_start(quarter)
    moment = start + timedelta(days=rng.randint(3, 80), hours=rng.randint(8, 17))
    return min(moment, timezone.now() - timedelta(hours=1))


def answer_value(rng: Random, centre: float) -> int | None:
    """A demo answer 0–4 around ``centre``; now and then skipped (None)."""
    if rng.random() < 0.05:
        return None
    return max(0, min(4, round(rng.gauss(centre, 0.9))))


def _staff_per_team(ctx: DemoContext) -> dict[int, list[User]]:
    per_team: dict[int, list[User]] = {}
    for user in ctx.users.values():
        if user.team_id is not None and user.role in (Role.ADVISEUR, Role.TEAMLEIDER):
            per_team.setdefault(user.team_id, []).append(user)
    names = iter(EXTRA_COLLEAGUES)
    for team in ctx.teams:
        for index in range(3):
            first, last = next(names)
            user = User(
                username=f"collega-{team.pk}-{index + 1}",
                first_name=first,
                last_name=last,
                email=f"collega-{team.pk}-{index + 1}@example.org",
                role=Role.ADVISEUR,
                team=team,
            )
            user.set_unusable_password()  # demo colleagues never sign in
            user.save()
            per_team.setdefault(team.pk, []).append(user)
    return per_team


def _reflections(ctx: DemoContext, per_team: dict[int, list[User]]) -> None:
    rng = ctx.rng
    instrument = get_instrument(PROFESSIONALS)
    quarters = quarters_back(5)
    for team_index, team in enumerate(ctx.teams):
        for person_index, user in enumerate(per_team[team.pk]):
            for step, quarter in enumerate(quarters):
                # Teams differ a little, and everyone grows a bit over the year.
                centre = 2.2 + 0.3 * team_index + 0.15 * step
                made = ProfessionalReflection.objects.create(
                    user=user,
                    instrument_version=instrument.version,
                    counts_in_team=person_index % 7 != 6,
                    team=team,
                    quarter=quarter,
                    note=NOTES[(person_index + step) % len(NOTES)]
                    if step == len(quarters) - 1
                    else "",
                )
                when = moment_in(quarter, rng)
                ProfessionalReflection.objects.filter(pk=made.pk).update(created_at=when)
                ProfessionalAnswer.objects.bulk_create(
                    ProfessionalAnswer(
                        reflection=made,
                        item_id=item_id,
                        # Recharging in time (p03) is the common development need.
                        value=answer_value(rng, centre - (1.2 if item_id == "p03" else 0)),
                    )
                    for item_id in instrument.item_ids
                )


def _round_title(day: date) -> str:
    with translation.override("nl"):
        return f"Organisatieronde {date_format(day, 'F Y')}"


def _rounds(ctx: DemoContext, per_team: dict[int, list[User]]) -> None:
    rng = ctx.rng
    instrument = get_instrument(ORGANISATION)
    beheerder = ctx.users["beheerder"]
    today = timezone.localdate()
    last_quarter = previous_quarter(current_quarter())
    starts = quarter_start(last_quarter).date() + timedelta(days=14)
    closed = actions.open_round(
        beheerder,
        title=_round_title(starts),
        scope=RoundScope.ORGANISATION,
        teams=ctx.teams,
        starts_on=starts,
        ends_on=today + timedelta(days=1),  # open for a moment so the answers can be given
    )
    for team_index, team in enumerate(ctx.teams):
        for user in per_team[team.pk]:
            centre = 2.0 + 0.4 * team_index
            answers = {item_id: answer_value(rng, centre) for item_id in instrument.item_ids}
            if all(v is None for v in answers.values()):
                answers[instrument.item_ids[0]] = 2
            actions.answer_round(user, closed, answers)
    actions.close_round(closed, by=beheerder)
    closed.ends_on = starts + timedelta(days=21)
    closed.save(update_fields=["ends_on"])

    current = actions.open_round(
        beheerder,
        title=_round_title(today),
        scope=RoundScope.ORGANISATION,
        teams=ctx.teams,
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=25),
    )
    # Six colleagues answered already; the round is open, so it shows only its response rate.
    for user in per_team[ctx.teams[0].pk][-6:]:
        actions.answer_round(
            user,
            current,
            {item_id: answer_value(rng, 2.5) for item_id in instrument.item_ids} | {"o01": 3},
        )


def load(ctx: DemoContext) -> None:
    per_team = _staff_per_team(ctx)
    _reflections(ctx, per_team)
    _rounds(ctx, per_team)
