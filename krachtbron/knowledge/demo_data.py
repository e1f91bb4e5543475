"""Demo conversation plans: one team session and one conversation with a demo family."""

from datetime import timedelta

from django.utils import timezone

from krachtbron.demo.context import DemoContext
from krachtbron.knowledge import actions
from krachtbron.knowledge.models import PlanStatus


def load(ctx: DemoContext) -> None:
    adviser = ctx.users.get("adviseur1")
    if adviser is None:
        return
    today = timezone.localdate()
    team_plan = actions.create_team_plan(
        adviser,
        topic="Hoeveel regie laten we bij gezinnen?",
        purpose="We merken dat we bij hoge nood snel dingen overnemen. Wanneer is dat goed?",
        audiences=["collegas", "leidinggevenden"],
        participants="Het hele team en de teamleider",
        planned_on=today - timedelta(days=7),
        approach=(
            "Teamoverleg, 45 minuten. Iedereen neemt één casus mee; "
            "in drietallen de vragen van de kaart."
        ),
        cards=["waaier-regie", "waaier-grenzen"],
    )
    actions.update_plan(
        adviser,
        team_plan,
        team_plan.version,
        status=PlanStatus.HELD,
        notes=(
            "Overnemen helpt als het vertrouwen opbouwt; "
            "daarna bespreken we wie wat weer zelf doet."
        ),
        agreements=(
            "Bij elke casus noteren we wanneer we de regie teruggeven. "
            "Over drie maanden terugkijken."
        ),
    )
    actions.create_team_plan(
        adviser,
        topic="Hebben we genoeg ruimte om op te laden?",
        purpose="Na de reflectieronde: de scores op 'Ik laad mezelf tijdig op' waren laag.",
        audiences=["collegas", "leidinggevenden"],
        planned_on=today + timedelta(days=14),
        approach="Met de teamleider, tijdens de teamdag.",
        cards=["waaier-speelruimte"],
    )
    family = next((f for f in ctx.families if f.assignments.filter(adviser=adviser).exists()), None)
    if family is not None:
        actions.create_family_plan(
            adviser,
            family,
            topic="Wie kan er naast moeder helpen?",
            purpose="Moeder doet alles alleen en is moe. Samen kijken wie er in de buurt is.",
            audiences=["ouders"],
            participants="Moeder, en oma als zij wil",
            planned_on=today + timedelta(days=3),
            approach="Thuis, met de netwerkkaart. Eerst vragen hoe het gaat.",
            cards=["waaier-speelruimte", "waaier-belangen"],
        )
    # A family with a young person gets a conversation that was held, with agreements: the
    # family's copy of their file (and the plan pages) show a plan in every state.
    with_youth = next(
        (
            f
            for f in ctx.families
            if f.assignments.filter(adviser=adviser).exists()
            and f.members.filter(role="jeugdige").exists()
        ),
        None,
    )
    if with_youth is not None:
        held = actions.create_family_plan(
            adviser,
            with_youth,
            topic="Wat wil jij zelf over school?",
            purpose="De jongere wil meer zelf beslissen. Samen kijken wat kan.",
            audiences=["jeugdigen", "ouders"],
            participants="De jongere en moeder",
            planned_on=today - timedelta(days=10),
            approach="Eerst de jongere alleen, daarna samen met moeder.",
            cards=["waaier-regie"],
        )
        actions.update_plan(
            adviser,
            held,
            held.version,
            status=PlanStatus.HELD,
            notes="De jongere wil zelf de mentor bellen. Moeder vindt dat spannend.",
            agreements=(
                "De jongere belt de mentor deze week. Over twee weken kijken we hoe het ging."
            ),
        )
