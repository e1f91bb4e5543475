"""Demo strength profiles, scalings over time, goal progress and first questions.

Runs after the families loader (INSTALLED_APPS order): every demo family with members gets a
profile with a few months of history, so the trends and the plan have something to show.
"""

from datetime import timedelta

from django.utils import timezone

from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.families.models import Goal
from krachtbron.strengths.models import (
    FirstQuestion,
    FirstQuestionRevision,
    FirstQuestionStatus,
    GoalScaling,
    Perspective,
    Scaling,
    StrengthEntry,
    default_scaling_visibility,
)

FIRST_QUESTIONS = [
    (
        "Ik heb een brief over de huurachterstand en ik snap niet wat ik moet doen.",
        "Samen de brief gelezen en de woningcorporatie gebeld voor een regeling.",
    ),
    (
        "Mijn zoon gaat al twee weken niet naar school. Wat moet ik doen?",
        "Samen met school een gesprek gepland.",
    ),
    ("We hebben geen bed voor de jongste.", "Aanvraag bij het noodfonds gedaan."),
    (
        "Ik wil weten waar ik terechtkan voor hulp bij de administratie.",
        "Aangemeld bij de vrijwillige thuisadministratie.",
    ),
    ("Mijn dochter slaapt slecht en is elke ochtend boos.", ""),
]
GOES_WELL = {
    Dimension.COMPETENCE: [
        "Kookt elke dag voor het hele gezin.",
        "Kan goed uitleggen wat ze nodig heeft.",
        "Houdt een weekplanning bij op de koelkast.",
        "Is goed in tekenen en muziek maken.",
    ],
    Dimension.SOCIAL: [
        "Zus woont dichtbij en komt elke week langs.",
        "Heeft een vriendin op het schoolplein om mee te praten.",
        "Zit bij de voetbalclub en heeft daar vrienden.",
    ],
    Dimension.MOTIVATION: [
        "Wil graag dat de kinderen het beter krijgen.",
        "Zet door, ook als het tegenzit.",
        "Gelooft dat het goed komt als er rust is.",
    ],
}
IS_HARD = [
    "Rustig blijven als de kinderen ruzie maken.",
    "Om hulp vragen voelt als falen.",
    "Brieven van instanties begrijpen.",
    "Niemand om op terug te vallen in het weekend.",
    "'s Avonds op tijd naar bed gaan.",
]
GIVES_ENERGY = [
    "Vrijwilligerswerk bij de voedselbank.",
    "Wandelen in het park met de hond.",
    "Samen koken met de kinderen.",
    "Gamen met vrienden.",
]
NOT_ZERO = [
    "We praten weer met elkaar.",
    "Ik weet nu bij wie ik terechtkan.",
    "De ochtenden gaan beter.",
]
ONE_STEP = [
    "Eén avond per week samen eten zonder ruzie.",
    "Zelf de school bellen.",
    "Mijn zus vragen om op woensdag op te passen.",
]
GOAL_DIMENSIONS = {
    LifeDomain.PARENTING: Dimension.COMPETENCE,
    LifeDomain.FINANCES: Dimension.COMPETENCE,
    LifeDomain.WORK_SCHOOL: Dimension.MOTIVATION,
    LifeDomain.RELATIONS: Dimension.SOCIAL,
    LifeDomain.HEALTH: Dimension.MOTIVATION,
    LifeDomain.HOUSING: Dimension.COMPETENCE,
}


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    entries, scalings, goal_scalings = [], [], []
    for index, family in enumerate(ctx.families):
        advisers = list(family.advisers.all())
        adviser = advisers[0] if advisers else None
        goals = list(family.goals.all())
        for goal in goals:
            goal.dimension = GOAL_DIMENSIONS[LifeDomain(goal.life_domain)]
        Goal.objects.bulk_update(goals, ["dimension"])
        if index % 5 != 4:
            text, helped = FIRST_QUESTIONS[index % len(FIRST_QUESTIONS)]
            question = FirstQuestion.objects.create(
                family=family,
                text=text,
                status=rng.choice(list(FirstQuestionStatus)),
                practical_help=helped,
            )
            FirstQuestionRevision.objects.create(
                first_question=question,
                version=1,
                text=text,
                status=question.status,
                practical_help=helped,
                saved_by=adviser,
            )
        # About six months of conversations, every three to five weeks.
        moments = sorted(
            today - timedelta(days=days)
            for days in rng.sample(range(7, 190, 21), k=rng.randint(3, 7))
        )
        for member in list(family.members.all())[:3]:
            for dimension in Dimension:
                entries.append(
                    StrengthEntry(
                        member=member,
                        dimension=dimension,
                        goes_well=rng.choice(GOES_WELL[dimension]),
                        is_hard=rng.choice(IS_HARD) if rng.random() < 0.7 else "",
                        gives_energy=rng.choice(GIVES_ENERGY) if rng.random() < 0.6 else "",
                    )
                )
            domain = rng.choice(list(LifeDomain))
            entries.append(
                StrengthEntry(
                    member=member,
                    dimension=rng.choice(list(Dimension)),
                    life_domain=domain,
                    goes_well=rng.choice(GOES_WELL[Dimension.COMPETENCE]),
                    is_hard=rng.choice(IS_HARD),
                )
            )
            for dimension in Dimension:
                score = rng.randint(2, 5)
                for step, noted_on in enumerate(moments):
                    score = max(0, min(10, score + rng.choice([-1, 0, 1, 1, 2])))
                    scalings.append(
                        Scaling(
                            member=member,
                            dimension=dimension,
                            perspective=Perspective.MEMBER,
                            score=score,
                            noted_on=noted_on,
                            not_zero_because=rng.choice(NOT_ZERO) if step == 0 else "",
                            one_step_higher=rng.choice(ONE_STEP),
                            by=adviser,
                        )
                    )
                    if step % 2 == 0:
                        scalings.append(
                            Scaling(
                                member=member,
                                dimension=dimension,
                                perspective=Perspective.ADVISER,
                                score=max(0, min(10, score + rng.choice([-2, -1, 0, 1]))),
                                noted_on=noted_on,
                                # The adviser's own view: for professionals (docs/gezinsrechten.md).
                                visibility=default_scaling_visibility(Perspective.ADVISER),
                                by=adviser,
                            )
                        )
        for goal in goals:
            score = rng.randint(1, 4)
            for noted_on in moments:
                score = max(0, min(10, score + rng.choice([0, 1, 1, 2])))
                goal_scalings.append(
                    GoalScaling(goal=goal, score=score, noted_on=noted_on, by=adviser)
                )
    StrengthEntry.objects.bulk_create(entries, ignore_conflicts=True)
    Scaling.objects.bulk_create(scalings)
    GoalScaling.objects.bulk_create(goal_scalings)
