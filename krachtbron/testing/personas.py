"""The fixed people every access test talks about (STYLE.md: tests read like sentences)."""

from dataclasses import dataclass

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT
from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.testing.factories import (
    FamilyFactory,
    GoalFactory,
    MemberFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Org:
    team: Team
    other_team: Team
    adviser: User  # Alice: the family's own adviser
    colleague: User  # Bob: same team, not assigned
    other_adviser: User  # Charlie: another team
    teamleider: User  # Tess: leads the team, not assigned
    beheerder: User  # Bea: beheerder and privacy officer
    onderzoeker: User  # Olga
    family: Family  # on Alice's caseload
    member: FamilyMember
    goal: Goal
    other_family: Family  # on Charlie's caseload

    def personas(self) -> dict[str, User | None]:
        """Everyone who must NOT see self.family's content (None = anonymous)."""
        return {
            "colleague": self.colleague,
            "other_team": self.other_adviser,
            "teamleider": self.teamleider,
            "beheerder": self.beheerder,
            "onderzoeker": self.onderzoeker,
            "anonymous": None,
        }


def make_org() -> Org:
    team = TeamFactory(name="Team Oost")
    other_team = TeamFactory(name="Team West")
    adviser = UserFactory(username="alice", first_name="Alice", team=team)
    family = FamilyFactory(team=team, display_name="Gezin Amrani", advisers=[adviser])
    other_adviser = UserFactory(username="charlie", first_name="Charlie", team=other_team)
    return Org(
        team=team,
        other_team=other_team,
        adviser=adviser,
        colleague=UserFactory(username="bob", first_name="Bob", team=team),
        other_adviser=other_adviser,
        teamleider=UserFactory(username="tess", first_name="Tess", role=Role.TEAMLEIDER, team=team),
        beheerder=UserFactory(
            username="bea",
            first_name="Bea",
            role=Role.BEHEERDER,
            team=None,
            is_privacy_officer=True,
        ),
        onderzoeker=UserFactory(
            username="olga", first_name="Olga", role=Role.ONDERZOEKER, team=None
        ),
        family=family,
        member=MemberFactory(family=family, first_name="Fatima"),
        goal=GoalFactory(family=family),
        other_family=FamilyFactory(team=other_team, advisers=[other_adviser]),
    )


def login(client: Client, user: User) -> Client:
    """Sign in with password and second factor, as the real flow leaves the session."""
    from django.utils import timezone

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().isoformat()
    session[AUTH_AT] = now
    session[SEEN_AT] = now
    session.save()
    return client
