"""Test data for reflection and insight: responses written straight into the tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import factory
from django.utils import timezone

from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.models import Family, FamilyMember
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import (
    current_quarter,
    previous_quarter,
    quarter_of,
    quarter_start,
)
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.reflection import actions
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    ProfessionalAnswer,
    ProfessionalReflection,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
)
from krachtbron.testing.factories import FamilyFactory, MemberFactory, UserFactory


def closed_quarter_moment(days: int = 20) -> datetime:
    """A moment in the previous quarter: closed, so its figures are shown (published)."""
    return quarter_start(previous_quarter(current_quarter())) + timedelta(days=days, hours=10)


def earlier_closed_quarter_moment(team: Team) -> datetime:
    """A moment in the closed quarter just before the team's earliest answered questionnaire
    (or in the previous quarter): each call, after answers were added there, gives a new one."""
    earliest = (
        Response.objects.filter(team=team, completed_at__isnull=False)
        .order_by("completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )
    quarter = previous_quarter(quarter_of(earliest) if earliest else current_quarter())
    return quarter_start(quarter) + timedelta(days=20, hours=10)


def published_again() -> None:
    """Publish the closed quarters anew, with the answers added to them since.

    Figures are published once and never recomputed, so answers added to a quarter that was
    published already (as a test that grows its data does) never show. This deletes the
    quarters' publications and publishes them again, as a database that had these answers from
    the start would have. Test data only: in Krachtbron a publication is never undone.
    """
    from krachtbron.insight.models import PublishedPeriod
    from krachtbron.insight.published import publish_closed_quarters
    from krachtbron.lib.answer_sources import PeriodKind

    PublishedPeriod.objects.filter(kind=PeriodKind.QUARTER).delete()
    for instrument_id in (FAMILIES, PROFESSIONALS):
        publish_closed_quarters(get_instrument(instrument_id))


def family_response(
    team: Team | None,
    answers: Mapping[str, int | None],
    *,
    completed_at: datetime | None = None,
    member: FamilyMember | None = None,
    family: Family | None = None,
    moment: str = "begin",
) -> Response:
    """A completed 'kracht-gezinnen' response of (by default) a new family in ``team``."""
    instrument = get_instrument(FAMILIES)
    if member is None:
        family = family or FamilyFactory(team=team)
        member = MemberFactory(family=family)
    completed = completed_at or timezone.now()
    response = Response.objects.create(
        family=member.family,
        member=member,
        team=team,
        instrument_id=FAMILIES,
        instrument_version=instrument.version,
        language="nl",
        moment=moment,
        started_at=completed - timedelta(minutes=10),
        completed_at=completed,
    )
    Answer.objects.bulk_create(
        Answer(response=response, item_id=item_id, value=answers.get(item_id))
        for item_id in instrument.item_ids
    )
    return response


def staff(team: Team, count: int, role: str = Role.ADVISEUR, prefix: str = "staff") -> list[User]:
    return [
        UserFactory(team=team, role=role, username=f"{prefix}{team.pk}-{i}") for i in range(count)
    ]


def reflection(
    user: User,
    answers: Mapping[str, int | None],
    *,
    counts_in_team: bool = True,
    when: datetime | None = None,
) -> ProfessionalReflection:
    """A reflection through the real action; ``when`` moves it to another moment (and quarter)."""
    made = actions.create_reflection(user, dict(answers), counts_in_team=counts_in_team)
    if when is not None:
        ProfessionalReflection.objects.filter(pk=made.pk).update(
            created_at=when, quarter=quarter_of(when)
        )
        made.refresh_from_db()
    return made


def open_round(
    by: User, teams: list[Team], *, scope: str = RoundScope.TEAM, starts_on: date | None = None
) -> ReflectionRound:
    today = timezone.localdate()
    return actions.open_round(
        by,
        title="Ronde voorjaar",
        scope=RoundScope(scope),
        teams=teams,
        starts_on=starts_on or today,
        ends_on=today + timedelta(days=14),
    )


class RoundFactory(factory.django.DjangoModelFactory):
    """A round of 'De kracht van de organisatie' in the state a test needs, said in words:
    ``RoundFactory(opened_by=leader, teams=[team], answers=[(staff(team, 5), {"o01": 3})],
    closed=True)``.

    ``answers``: (people, answers) pairs, each person answering through the real action (sealed
    while the round is open); ``closed=True`` closes it through the real action (unsealed and
    published). Traits ``ended`` (its last day was yesterday, still open) and ``upcoming`` (starts
    next week). ``teams`` defaults to the opener's team. The opening itself is not logged: tests
    of the administrative log use ``actions.open_round``.
    """

    class Meta:
        model = ReflectionRound
        skip_postgeneration_save = True

    title = "Ronde voorjaar"
    opened_by = factory.SubFactory(UserFactory, role=Role.TEAMLEIDER)
    scope = RoundScope.TEAM
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=14))
    instrument_id = ORGANISATION
    instrument_version = factory.LazyFunction(lambda: get_instrument(ORGANISATION).version)

    class Params:
        ended = factory.Trait(
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=15)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1)),
        )
        upcoming = factory.Trait(
            starts_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
        )

    @factory.post_generation
    def teams(self, create: bool, extracted: list[Team] | None, **_: Any) -> None:
        self.teams.set(extracted if extracted is not None else [self.opened_by.team])

    @factory.post_generation
    def answers(
        self,
        create: bool,
        extracted: Iterable[tuple[Iterable[User], Mapping[str, int | None]]] | None,
        **_: Any,
    ) -> None:
        for people, given in extracted or []:
            for person in people:
                actions.answer_round(person, self, dict(given))

    @factory.post_generation
    def closed(self, create: bool, extracted: bool | None, **_: Any) -> None:
        if extracted:
            actions.close_round(self)


def organisation_answers(
    round_: ReflectionRound, users: list[User], answers: Mapping[str, int | None]
) -> None:
    for user in users:
        actions.answer_round(user, round_, dict(answers))


def answers_of(kind: str, response: object) -> dict[str, int | None]:
    if kind == FAMILIES:
        rows = Answer.objects.filter(response=response)
    elif kind == PROFESSIONALS:
        rows = ProfessionalAnswer.objects.filter(reflection=response)
    else:
        rows = OrganisationAnswer.objects.filter(response=response)
    return dict(rows.values_list("item_id", "value"))


__all__ = [
    "ORGANISATION",
    "OrganisationResponse",
    "RoundParticipation",
    "answers_of",
    "closed_quarter_moment",
    "earlier_closed_quarter_moment",
    "family_response",
    "open_round",
    "published_again",
    "organisation_answers",
    "reflection",
    "staff",
]
