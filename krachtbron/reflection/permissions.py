"""Who may see what in reflection. One helper per object kind; each returns the
object or raises 404.

* A reflection is private: only its author, never a colleague, teamleider or beheerder.
* A round is for the staff of its teams (an organisation round also for staff without a team);
  the onderzoeker never takes part. Teamleiders manage team rounds of their own team, the
  beheerder every round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from krachtbron.accounts.models import Role, Team, User
from krachtbron.accounts.roles import has_role
from krachtbron.lib.lookup import pk_or_404
from krachtbron.reflection.models import (
    ProfessionalReflection,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
    RoundStatus,
)

REFLECTING_ROLES = (Role.ADVISEUR, Role.TEAMLEIDER, Role.BEHEERDER)


def can_reflect(user: User) -> bool:
    return has_role(user, *REFLECTING_ROLES)


def get_reflection_for_user(user: User, pk: Any) -> ProfessionalReflection:
    """Only the author ever gets their reflection."""
    if not can_reflect(user):
        raise Http404
    reflection = ProfessionalReflection.objects.filter(pk=pk_or_404(pk), user=user).first()
    if reflection is None:
        raise Http404
    return reflection


def rounds_in_scope(user: User) -> QuerySet[ReflectionRound]:
    """The rounds this person is asked to answer (open or closed)."""
    if not can_reflect(user):
        return ReflectionRound.objects.none()
    if user.team_id is not None:
        # Staff of a team: every round (team or organisation) that includes their team.
        condition = Q(teams=user.team_id)
    else:
        # Staff without a team (a beheerder): the organisation rounds.
        condition = Q(scope=RoundScope.ORGANISATION)
    return ReflectionRound.objects.filter(condition).distinct()


def can_open_round(user: User) -> bool:
    """A beheerder opens rounds for the organisation; a teamleider with a team for that team."""
    return has_role(user, Role.BEHEERDER) or (
        has_role(user, Role.TEAMLEIDER) and user.team_id is not None
    )


def new_round_scope(user: User, chosen: Iterable[Team]) -> tuple[RoundScope, list[Team]]:
    """Who a round that `user` opens is for: a beheerder's round is for the organisation (the
    `chosen` teams, or every active team when none are chosen); a teamleider's for their own
    team. Call it after `can_open_round`."""
    if user.role == Role.BEHEERDER:
        return RoundScope.ORGANISATION, list(chosen) or list(Team.objects.filter(is_active=True))
    if user.team is None:
        raise ValueError("a teamleider without a team opens no round (see can_open_round)")
    return RoundScope.TEAM, [user.team]


def managed_rounds(user: User) -> QuerySet[ReflectionRound]:
    """The rounds this person manages: every round for a beheerder, the team rounds of their
    own team for a teamleider, none for anyone else."""
    if has_role(user, Role.BEHEERDER):
        return visible_rounds(user)
    if has_role(user, Role.TEAMLEIDER) and user.team_id:
        return ReflectionRound.objects.filter(scope=RoundScope.TEAM, teams=user.team_id)
    return ReflectionRound.objects.none()


def in_round_scope(user: User, round_: ReflectionRound) -> bool:
    return rounds_in_scope(user).filter(pk=round_.pk).exists()


def can_manage_round(user: User, round_: ReflectionRound) -> bool:
    if has_role(user, Role.BEHEERDER):
        return True
    return bool(
        has_role(user, Role.TEAMLEIDER)
        and round_.scope == RoundScope.TEAM
        and user.team_id is not None
        and round_.teams.filter(pk=user.team_id).exists()
    )


def can_answer_round(
    user: User, round_: ReflectionRound, *, check_participation: bool = True
) -> bool:
    today = timezone.localdate()
    if round_.status != RoundStatus.OPEN or not (round_.starts_on <= today <= round_.ends_on):
        return False
    return not (check_participation and has_answered(user, round_))


def has_answered(user: User, round_: ReflectionRound) -> bool:
    return RoundParticipation.objects.filter(round=round_, user=user).exists()


def visible_rounds(user: User) -> QuerySet[ReflectionRound]:
    """Rounds whose page (response rate, results from 5 responses) this user may see."""
    if not can_reflect(user):
        return ReflectionRound.objects.none()
    if user.role == Role.BEHEERDER:
        return ReflectionRound.objects.all()
    return rounds_in_scope(user)


def get_round_for_user(user: User, pk: Any) -> ReflectionRound:
    round_ = visible_rounds(user).filter(pk=pk_or_404(pk)).first()
    if round_ is None:
        raise Http404
    return round_


def eligible_staff_count(round_: ReflectionRound) -> int:
    """How many people are asked to answer this round now (for the response rate)."""
    return eligible_staff_counts([round_])[round_.pk]


def eligible_staff_counts(rounds: Iterable[ReflectionRound]) -> dict[int, int]:
    """{round pk: how many people are asked to answer it now}, in two queries for any number
    of rounds. A person belongs to one team at most, so a round's count is the sum over its
    teams (and, for an organisation round, the staff without a team). Prefetch ``teams``."""
    from krachtbron.accounts.models import User

    rounds = list(rounds)
    if not rounds:
        return {}
    team_ids = {team.pk for round_ in rounds for team in round_.teams.all()}
    staff = User.objects.filter(is_active=True, role__in=REFLECTING_ROLES)
    per_team = dict(
        staff.filter(team__in=team_ids)
        .values_list("team")
        .annotate(count=Count("pk"))
        .values_list("team", "count")
    )
    without_team = 0
    if any(round_.scope == RoundScope.ORGANISATION for round_ in rounds):
        without_team = staff.filter(team__isnull=True).count()
    return {
        round_.pk: sum(per_team.get(team.pk, 0) for team in round_.teams.all())
        + (without_team if round_.scope == RoundScope.ORGANISATION else 0)
        for round_ in rounds
    }
