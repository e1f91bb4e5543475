"""Demo staff: 3 teams, 2 teamleiders, 6 advisers, a beheerder (privacy officer), an onderzoeker."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.models import Role, Team, User
from krachtbron.demo.context import DemoContext

DEMO_PASSWORD = "krachtbron-demo"  # noqa: S105 - demo only; load_demo refuses in production

STAFF = [
    # username, first name, last name, role, team index
    ("adviseur1", "Anouk", "Verbeek", Role.ADVISEUR, 0),
    ("adviseur2", "Samir", "Haddad", Role.ADVISEUR, 0),
    ("adviseur3", "Iris", "de Boer", Role.ADVISEUR, 1),
    ("adviseur4", "Kwabena", "Owusu", Role.ADVISEUR, 1),
    ("adviseur5", "Esra", "Doğan", Role.ADVISEUR, 2),
    ("adviseur6", "Joost", "Vermeulen", Role.ADVISEUR, 2),
    ("teamleider1", "Marieke", "Hoekstra", Role.TEAMLEIDER, 0),
    ("teamleider2", "Rachid", "Ouali", Role.TEAMLEIDER, 1),
    ("beheerder", "Petra", "Willems", Role.BEHEERDER, None),
    ("onderzoeker", "Tom", "Leenders", Role.ONDERZOEKER, None),
]
TEAMS = ["Team Noord", "Team Zuidoost", "Team Nieuw-West"]


def load(ctx: DemoContext) -> None:
    ctx.teams = [Team.objects.create(name=name) for name in TEAMS]
    for username, first, last, role, team_index in STAFF:
        team = ctx.teams[team_index] if team_index is not None else None
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            role=role,
            team=team,
            is_privacy_officer=(role == Role.BEHEERDER),
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        ctx.users[username] = user
        if team is not None and role == Role.ADVISEUR:
            ctx.advisers_by_team.setdefault(team.pk, []).append(user)
