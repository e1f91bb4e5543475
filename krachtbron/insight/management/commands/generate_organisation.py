"""Generate a large organisation for the dashboard benchmark (refused in production, except in
a benchmark deployment).

Defaults: 27 teams, 5 years, ~100,000 family questionnaires (~1.3 million item answers), 15 staff
per team reflecting once per quarter, and one organisation round per quarter. Everything is
written with bulk_create in batches; smaller numbers make it quick for tests.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.models import Family, FamilyMember
from krachtbron.insight.published import publish_round
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start
from krachtbron.reflection.actions import store_answer_sets
from krachtbron.reflection.models import (
    ProfessionalAnswer,
    ProfessionalReflection,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
    RoundStatus,
)

BATCH = 5000


def _value(rng: random.Random, centre: float) -> int | None:
    if rng.random() < 0.04:
        return None
    return max(0, min(4, round(rng.gauss(centre, 1.0))))


def _insert_answers(table: str, rows: Iterable[tuple[int, str, int | None, datetime]]) -> None:
    """Write answer rows (response id, item id, value, answered at) as fast as the database
    takes them: PostgreSQL's COPY, SQLite's executemany of one prepared INSERT. No model
    instances: a million answers in seconds instead of minutes."""
    columns = "response_id, item_id, value, answered_at"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            adapt = connection.ops.adapt_datetimefield_value
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(r, i, v, adapt(at)) for r, i, v, at in rows],
            )


class Command(BaseCommand):
    help = "Maak een grote organisatie aan voor de benchmark van de dashboards."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--teams", type=int, default=27)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--responses", type=int, default=100_000)
        parser.add_argument("--staff-per-team", type=int, default=15)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        # Allowed in production mode only for a benchmark deployment (KRACHTBRON_BENCH).
        if settings.PRODUCTION and not getattr(settings, "BENCH_URLS", False):
            raise CommandError("Testgegevens zijn niet toegestaan in productie.")
        rng = random.Random(options["seed"])
        quarters = [current_quarter()]
        while len(quarters) < 4 * options["years"]:
            quarters.append(previous_quarter(quarters[-1]))
        quarters.reverse()
        run = f"{timezone.now():%Y%m%d%H%M%S}-{options['seed']}"
        with transaction.atomic():
            teams = Team.objects.bulk_create(
                Team(name=f"Wijkteam {run} {i + 1:02d}") for i in range(options["teams"])
            )
            staff = self._staff(teams, options["staff_per_team"], run)
        families = self._families(rng, teams, max(1, options["responses"] // 3), run)
        self._responses(rng, teams, families, quarters, options["responses"])
        self._reflections(rng, staff, quarters)
        self._rounds(rng, teams, staff, quarters)
        self.stdout.write(
            f"{len(teams)} teams, {options['responses']} vragenlijsten, "
            f"{len(quarters)} kwartalen aangemaakt."
        )

    def _staff(self, teams: list[Team], per_team: int, run: str) -> dict[int, list[User]]:
        users = [
            User(
                username=f"bench-{run}-{team.pk}-{i}",
                first_name="Medewerker",
                last_name=str(i),
                role=Role.TEAMLEIDER if i == 0 else Role.ADVISEUR,
                team=team,
                password="!",  # unusable: these accounts never sign in  # noqa: S106
            )
            for team in teams
            for i in range(per_team)
        ]
        created = User.objects.bulk_create(users, batch_size=BATCH)
        # bulk_create keeps the order: per_team users of each team, team after team.
        return {
            team.pk: created[index * per_team : (index + 1) * per_team]
            for index, team in enumerate(teams)
        }

    def _families(
        self, rng: random.Random, teams: list[Team], count: int, run: str
    ) -> list[tuple[int, int, list[int]]]:
        """(family id, team id, member ids) per family; two respondents per family."""
        result: list[tuple[int, int, list[int]]] = []
        for start in range(0, count, BATCH):
            with transaction.atomic():
                batch = Family.objects.bulk_create(
                    Family(
                        reference=f"B{run[-8:]}-{start + i}"[-32:],
                        display_name="",
                        team=teams[(start + i) % len(teams)],
                    )
                    for i in range(min(BATCH, count - start))
                )
                members = FamilyMember.objects.bulk_create(
                    FamilyMember(family=family, first_name=name, role=role)
                    for family in batch
                    for name, role in (("Ouder", "opvoeder"), ("Jongere", "jeugdige"))
                )
            by_family: dict[int, list[int]] = {}
            for member in members:
                by_family.setdefault(member.family_id, []).append(member.pk)
            result.extend((f.pk, f.team_id, by_family[f.pk]) for f in batch)
        return result

    def _responses(
        self,
        rng: random.Random,
        teams: list[Team],
        families: list[tuple[int, int, list[int]]],
        quarters: list[int],
        count: int,
    ) -> None:
        from krachtbron.questionnaires.models import Answer, Response

        instrument = get_instrument(FAMILIES)
        item_ids = instrument.item_ids
        team_centre = {team.pk: 2.2 + rng.random() for team in teams}
        now = timezone.now()
        span = (now - quarter_start(quarters[0])).total_seconds()
        for start in range(0, count, BATCH):
            rows = []
            centres = []  # per row, its team's centre (bulk_create keeps the order)
            for i in range(start, min(count, start + BATCH)):
                index = i % len(families)
                family_id, team_id, members = families[index]
                completed = now - timedelta(seconds=rng.random() * span)
                rows.append(
                    Response(
                        family_id=family_id,
                        member_id=members[i // len(families) % len(members)],
                        team_id=team_id,
                        instrument_id=FAMILIES,
                        instrument_version=instrument.version,
                        language="nl",
                        moment="begin",
                        started_at=completed - timedelta(minutes=9),
                        updated_at=completed,
                        completed_at=completed,
                    )
                )
                centres.append(team_centre[team_id])
            with transaction.atomic():
                created = Response.objects.bulk_create(rows)
                _insert_answers(
                    Answer._meta.db_table,
                    (
                        (r.pk, item_id, _value(rng, centre), r.updated_at)
                        for r, centre in zip(created, centres, strict=True)
                        for item_id in item_ids
                    ),
                )

    def _reflections(
        self, rng: random.Random, staff: dict[int, list[User]], quarters: list[int]
    ) -> None:
        instrument = get_instrument(PROFESSIONALS)
        people = [(team_id, u) for team_id, users in staff.items() for u in users]
        for quarter in quarters:
            with transaction.atomic():
                made = ProfessionalReflection.objects.bulk_create(
                    ProfessionalReflection(
                        user=user,
                        instrument_version=instrument.version,
                        counts_in_team=rng.random() < 0.8,
                        team_id=team_id,
                        quarter=quarter,
                    )
                    for team_id, user in people
                )
                ProfessionalAnswer.objects.bulk_create(
                    (
                        ProfessionalAnswer(reflection=r, item_id=i, value=_value(rng, 2.6))
                        for r in made
                        for i in instrument.item_ids
                    ),
                    batch_size=BATCH,
                )

    def _rounds(
        self,
        rng: random.Random,
        teams: list[Team],
        staff: dict[int, list[User]],
        quarters: list[int],
    ) -> None:
        instrument = get_instrument(ORGANISATION)
        opener = next(iter(staff.values()))[0]
        for quarter in quarters:
            starts = quarter_start(quarter).date() + timedelta(days=10)
            with transaction.atomic():
                round_ = ReflectionRound.objects.create(
                    title=f"Ronde {quarter}",
                    opened_by=opener,
                    scope=RoundScope.ORGANISATION,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=21),
                    instrument_version=instrument.version,
                    status=RoundStatus.CLOSED,
                )
                round_.teams.set(teams)
                answering = [
                    (team_id, u)
                    for team_id, users in staff.items()
                    for u in users
                    if rng.random() < 0.6
                ]
                RoundParticipation.objects.bulk_create(
                    RoundParticipation(round=round_, user=u, answered_on=starts)
                    for _t, u in answering
                )
                # Stored as closing a round stores them: shuffled, and only what the
                # suppression rule allows (a team of fewer than 5 answers loses its name).
                store_answer_sets(
                    round_,
                    [
                        {
                            "team": team_id,
                            "version": instrument.version,
                            "answers": {i: _value(rng, 2.3) for i in instrument.item_ids},
                        }
                        for team_id, _u in answering
                    ],
                )
                # A closed round's figures are published with it (as close_round does).
                publish_round(round_)
