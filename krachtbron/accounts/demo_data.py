"""Demo staff: 3 teams, 2 teamleiders, 6 advisers, three beheerders (one is privacy officer),
an onderzoeker; and a few administrative changes, one of them a request for the
privacy-officer right that waits for a second beheerder."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.models import Role, Team, User
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind
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
    ("beheerder2", "Joris", "Bakker", Role.BEHEERDER, None),
    ("beheerder3", "Lotte", "Jansen", Role.BEHEERDER, None),
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
            is_privacy_officer=(username == "beheerder"),
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        ctx.users[username] = user
        if team is not None and role == Role.ADVISEUR:
            ctx.advisers_by_team.setdefault(team.pk, []).append(user)

    _administrative_changes(ctx)


def _administrative_changes(ctx: DemoContext) -> None:
    """What the privacy officer's list of administrative changes shows in the demo."""
    petra, joris, lotte = (ctx.users[name] for name in ("beheerder", "beheerder2", "beheerder3"))
    # Petra was the first privacy officer, made by the set-up command (the system acted).
    changes = {"role": [None, Role.BEHEERDER], "is_privacy_officer": [None, True]}
    log_admin_change(None, petra, changes, object_type="user", kind=AccessKind.CREATE)
    invited = User(
        username="nadia",
        first_name="Nadia",
        last_name="El Amrani",
        email="nadia@example.org",
        role=Role.ADVISEUR,
        team=ctx.teams[0],
    )
    actions.invite_user(petra, invited)
    actions.update_user(petra, invited, team=ctx.teams[1])
    # Rachid got a new phone: his authenticator app is connected again (in the demo at once).
    rachid = ctx.users["teamleider2"]
    actions.reset_second_factor(petra, rachid)
    TOTPDevice.objects.create(user=rachid, name="demo", confirmed=True)
    # Lotte asks for the right for Joris; Petra (neither of them) can approve it.
    four_eyes.request_privacy_officer(lotte, joris)
    # Joris invites a new beheerder: the account waits, switched off and without a link, until
    # Petra or Lotte approves it (becoming a beheerder takes four eyes too).
    ruben = User(
        username="ruben",
        first_name="Ruben",
        last_name="Hendriks",
        email="ruben@example.org",
        role=Role.BEHEERDER,
    )
    actions.invite_user(joris, ruben)
