"""Who may see which group figures: a teamleider those of their own team, a beheerder all
teams (``dashboard_teams``); nobody else any. The figures themselves are anonymous
(docs/anonimiteit.md), so a permission decides only whose teams are offered."""

from __future__ import annotations

from krachtbron.accounts.models import Role, Team, User
from krachtbron.accounts.roles import has_role


def dashboard_teams(user: User) -> list[Team]:
    """The teams whose figures this user may read: own team (teamleider), all (beheerder)."""
    if has_role(user, Role.BEHEERDER):
        return list(Team.objects.order_by("name"))
    if has_role(user, Role.TEAMLEIDER) and user.team is not None:
        return [user.team]
    return []
