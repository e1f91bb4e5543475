"""Demo families: members and goals in the family's own words. Loaded by `manage.py load_demo`."""

from contextlib import suppress
from datetime import date, timedelta

from django.http import Http404
from django.utils import timezone

from krachtbron.audit.log import log_access_list
from krachtbron.demo.context import DemoContext
from krachtbron.families import actions
from krachtbron.families.choices import (
    FamilyStatus,
    GoalStatus,
    LifeDomain,
    MemberRole,
    Visibility,
)
from krachtbron.families.models import CaseAssignment, Family, RightsDecision
from krachtbron.families.permissions import get_member_for_user, visible_families

SURNAMES = [
    "Amrani",
    "de Vries",
    "Yılmaz",
    "Tesfay",
    "Jansen",
    "Boateng",
    "Bakker",
    "El Idrissi",
    "Visser",
    "Kaya",
    "Mensah",
    "de Jong",
    "Haddou",
    "Smit",
    "Öztürk",
    "Kidane",
    "Meijer",
    "Ramdin",
    "Mulder",
    "Bouzid",
    "Dekker",
    "Asante",
    "van Dijk",
    "Demir",
    "Sedney",
    "Brouwer",
    "Haile",
    "Kramer",
    "Benali",
    "Koster",
    "Nguyen",
    "Pinas",
]
PARENT_NAMES = [
    "Fatima",
    "Sanne",
    "Ayşe",
    "Semhar",
    "Mark",
    "Akosua",
    "Linda",
    "Youssef",
    "Kevin",
    "Mehmet",
    "Ama",
    "Priya",
    "Nadia",
    "Ruud",
    "Zeynep",
    "Yonas",
    "Marloes",
    "Shanti",
]
CHILD_NAMES = [
    "Noah",
    "Sara",
    "Emir",
    "Lidya",
    "Daan",
    "Kofi",
    "Julia",
    "Ilyas",
    "Mila",
    "Elif",
    "Kwame",
    "Lotte",
    "Adam",
    "Yasmin",
    "Sem",
    "Selam",
    "Levi",
    "Amira",
    "Finn",
    "Zoë",
]
GOALS = [
    ("Dat we weer rustig samen kunnen eten zonder ruzie.", LifeDomain.PARENTING),
    ("Zo snel mogelijk van de hulpverlening af.", LifeDomain.PARENTING),
    ("Geen achterstand meer met de huur.", LifeDomain.FINANCES),
    ("Dat mijn zoon weer elke dag naar school gaat.", LifeDomain.WORK_SCHOOL),
    ("Iemand in de buurt hebben die ik kan bellen als het niet gaat.", LifeDomain.RELATIONS),
    ("Beter slapen en minder piekeren.", LifeDomain.HEALTH),
    ("Een groter huis, we wonen met z'n vijven in twee kamers.", LifeDomain.HOUSING),
    ("Zelf de brieven van instanties kunnen begrijpen.", LifeDomain.FINANCES),
    ("Dat ik weet hoe ik rustig blijf als mijn dochter boos wordt.", LifeDomain.PARENTING),
    ("Een bijbaantje vinden naast school.", LifeDomain.WORK_SCHOOL),
    ("Vrienden maken op mijn nieuwe school.", LifeDomain.RELATIONS),
    ("Dat oma niet meer alles alleen hoeft te doen.", LifeDomain.RELATIONS),
]
# Goals in the family's own words are often in their own language (handreiking §4.1): these
# show that every script reaches the page, the PDF and the copy (docs/invoer-en-bestanden.md).
OWN_LANGUAGE_GOALS = {
    "Tesfay": ("ምሸት ብሓባር ክንበልዕ 🍲", LifeDomain.PARENTING),  # Tigrinya: eat together at night
    "El Idrissi": ("أريد أن أفهم الرسائل بنفسي", LifeDomain.FINANCES),  # Arabic: read the letters
    "Yılmaz": ("Oğlum her gün okula gitsin 👍", LifeDomain.WORK_SCHOOL),  # Turkish: to school
}


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    advisers_by_team = ctx.advisers_by_team
    for index in range(30):
        team = ctx.teams[index % len(ctx.teams)]
        surname = SURNAMES[index % len(SURNAMES)]
        status = rng.choice(
            [FamilyStatus.ACTIVE, FamilyStatus.ACTIVE, FamilyStatus.NEW, FamilyStatus.CLOSED]
        )
        family = Family.objects.create(
            reference=f"KB-DEMO-{index + 1:03d}",
            display_name=f"Gezin {surname}",
            team=team,
            status=status,
        )
        ctx.families.append(family)
        # A few families wait for an adviser: the teamleider assigns them.
        if index % 10 != 9:
            advisers = advisers_by_team[team.pk]
            CaseAssignment.objects.create(family=family, adviser=advisers[index % len(advisers)])
        parents = [
            family.members.create(
                first_name=rng.choice(PARENT_NAMES),
                role=MemberRole.PARENT,
                birth_year=rng.randint(1975, 1995),
                has_parental_authority=True,
            )
            for _ in range(rng.choice([1, 1, 2]))
        ]
        children = []
        for number in range(rng.randint(1, 3)):
            birth_year = rng.randint(2008, 2022)
            role = MemberRole.YOUTH if birth_year <= 2014 else MemberRole.CHILD
            # A date of birth for every young person (the rights need it); not from rng, so
            # the rest of the demo stays as it was.
            born = date(birth_year, 1 + (index + number) % 12, 1 + (index * 7 + number) % 28)
            children.append(
                family.members.create(
                    first_name=rng.choice(CHILD_NAMES),
                    role=role,
                    birth_year=birth_year,
                    birth_date=born,
                )
            )
        for text, domain in rng.sample(GOALS, k=rng.randint(1, 3)):
            member = rng.choice([None, *parents, *children[:1]])
            family.goals.create(
                text=text, life_domain=domain, member=member, status=rng.choice(list(GoalStatus))
            )
        if surname in OWN_LANGUAGE_GOALS:
            text, domain = OWN_LANGUAGE_GOALS[surname]
            family.goals.create(text=text, life_domain=domain, member=parents[0])
    # The first demo adviser always sees at least one family with a substitute colleague.
    first = ctx.families[0]
    colleague = advisers_by_team[first.team_id][1]
    actions.assign_adviser(ctx.users["teamleider1"], first, colleague, is_substitute=True)
    _rights_examples(ctx, first)
    _access_log_examples(ctx, first)


def _years_ago(years: int, days: int) -> date:
    """A date of birth that makes someone ``years`` old today, ``days`` after the birthday."""
    today = timezone.localdate() - timedelta(days=days)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _rights_examples(ctx: DemoContext, family: Family) -> None:
    """Privacy inside a family (docs/gezinsrechten.md) in the first demo family: a step-parent
    without gezag, a 14-year-old whose parent's right the adviser limited, a 16-year-old who
    shares her own data with her mother, a goal shared with the family and one for
    professionals only."""
    adviser = family.assignments.order_by("id").first()
    user = adviser.adviser if adviser else ctx.users["adviseur1"]
    mother = family.members.filter(role=MemberRole.PARENT).order_by("id").first()
    if mother is None:
        return
    johan = actions.add_member(
        user,
        family,
        first_name="Johan",
        role=MemberRole.PARENT,
        birth_year=1979,
        has_parental_authority=False,
    )
    noor = actions.add_member(
        user,
        family,
        first_name="Noor",
        role=MemberRole.YOUTH,
        birth_date=_years_ago(14, 40),
        birth_year=_years_ago(14, 40).year,
    )
    yara = actions.add_member(
        user,
        family,
        first_name="Yara",
        role=MemberRole.YOUTH,
        birth_date=_years_ago(16, 100),
        birth_year=_years_ago(16, 100).year,
    )
    actions.add_goal(
        user,
        family,
        member=noor,
        text="Ik wil zelf kiezen met wie ik over school praat",
        life_domain=LifeDomain.WORK_SCHOOL,
    )
    actions.add_goal(
        user,
        family,
        member=yara,
        text="Een bijbaan vinden en zelf sparen",
        life_domain=LifeDomain.FINANCES,
    )
    actions.add_goal(
        user,
        family,
        text="Nagaan of er schulden zijn voordat we het met het gezin bespreken",
        life_domain=LifeDomain.FINANCES,
        visibility=Visibility.PROFESSIONALS,
    )
    actions.record_rights_decision(
        user,
        noor,
        johan,
        kind=RightsDecision.Kind.SHARE,
        reason="Noor en haar moeder willen dat Johan haar doelen ziet (gesprek van vandaag).",
    )
    actions.record_rights_decision(
        user,
        yara,
        mother,
        kind=RightsDecision.Kind.SHARE,
        reason="Yara wil dat haar moeder haar eigen doelen en cijfers ziet.",
    )


def _access_log_examples(ctx: DemoContext, first: Family) -> None:
    """What the access log shows besides the file's own pages: a list and a refused look."""
    adviser = ctx.users["adviseur1"]
    # adviseur1 opened "Mijn gezinnen": one row naming the families on the first page.
    log_access_list(
        adviser,
        visible_families(adviser).order_by("-updated_at", "pk")[:25],
        object_type="caseload",
    )
    # An adviser of another team typed the address of a member of the first family: refused (404)
    # and on record for that family (the privacy officer's search, result "geweigerd").
    outsider = ctx.users["adviseur3"]
    member = first.members.first()
    with suppress(Http404):
        get_member_for_user(outsider, member.pk if member else 0)
