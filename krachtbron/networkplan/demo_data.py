"""Demo afspraken (issue 15, item 1): in every family with goals and a map, agreements by a
member, by people from the map and by the adviser. In each, "Oma" (marked "kan overbelast
raken" by the network demo) carries one agreement more than ``AGREEMENTS_PER_CARER``, the
first carer has an aanspreekpunt and the others not yet, and the people who stay without an
agreement show as suggestions. In the first family of adviseur1 a parent added one in Mijn
Krachtbron, which the adviser has not seen yet (the Afspraken tab and the caseload card)."""

from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Goal
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import agreement_actions as actions
from krachtbron.networkplan.agreements import Performer, carer_limit
from krachtbron.networkplan.choices import AgreementStatus

CARER_TASKS = [
    ("Haalt de kinderen op woensdag uit school.", "elke woensdag"),
    ("Kookt een keer per week mee.", "op vrijdag"),
    ("Past op als er een afspraak bij de schuldhulp is.", "als het nodig is"),
    ("Gaat mee naar de ouderavond.", "in oktober"),
]
MEMBER_TASKS = [
    ("Maakt samen met de kinderen een weekschema.", "op zondagavond"),
    ("Belt zelf de school als er iets is.", ""),
]
ADVISER_TASKS = [("Zoekt uit welke buurtactiviteiten er voor de kinderen zijn.", "voor 1 maart")]


def load(ctx: DemoContext) -> None:
    first_of_adviser = _first_family_of(ctx, "adviseur1")
    for family in ctx.families:
        goals = list(Goal.objects.filter(family=family).order_by("created_at", "id"))
        persons = list(
            NetworkPerson.objects.filter(family=family, member__isnull=True).order_by(
                "closeness", "id"
            )
        )
        adviser = family.advisers.first()
        parent = family.members.filter(role=MemberRole.PARENT).order_by("id").first()
        if not goals or not persons or adviser is None or parent is None:
            continue
        overloaded = next((p for p in persons if p.may_be_overloaded), None)
        others = [p for p in persons if p is not overloaded and not p.stays_after_help]
        rows = 0
        if overloaded is not None:
            # One open agreement more than the limit: the warning shows.
            for index in range(carer_limit() + 1):
                text, when = CARER_TASKS[index % len(CARER_TASKS)]
                actions.add_agreement(
                    adviser,
                    family,
                    goal=goals[index % len(goals)],
                    text=text,
                    when=when,
                    performer=Performer(person=overloaded),
                    status=AgreementStatus.RUNNING if index == 0 else AgreementStatus.AGREED,
                )
                rows += 1
        for index, person in enumerate(others[:2]):
            text, when = CARER_TASKS[(rows + index) % len(CARER_TASKS)]
            actions.add_agreement(
                adviser,
                family,
                goal=goals[(rows + index) % len(goals)],
                text=text,
                when=when,
                performer=Performer(person=person),
            )
        carers = ([overloaded] if overloaded else []) + others[:2]
        if len(carers) > 1:
            # The first carer has someone to turn to; the others not yet.
            actions.set_contact_point(adviser, carers[0], 0, turns_to=carers[1], turns_to_text="")
        for index, (text, when) in enumerate(MEMBER_TASKS):
            actions.add_agreement(
                adviser,
                family,
                goal=goals[index % len(goals)],
                text=text,
                when=when,
                performer=Performer(member=parent),
                status=AgreementStatus.DONE if index else AgreementStatus.AGREED,
            )
        for text, when in ADVISER_TASKS:
            actions.add_agreement(
                adviser,
                family,
                goal=goals[0],
                text=text,
                when=when,
                performer=Performer(adviser=True),
            )
        if family == first_of_adviser:
            actions.add_member_agreement(
                parent,
                goal=goals[0],
                text="Ik vraag de buurvrouw of ze op dinsdag kan oppassen.",
                when="deze week",
                performer=Performer(member=parent),
            )


def _first_family_of(ctx: DemoContext, username: str):  # type: ignore[no-untyped-def]
    adviser = ctx.users.get(username)
    if adviser is None:
        return None
    return next((f for f in ctx.families if f.assignments.filter(adviser=adviser).exists()), None)
