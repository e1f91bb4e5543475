"""factory_boy factories for the strengths app."""

import datetime

import factory

from krachtbron.families.choices import Dimension
from krachtbron.strengths.models import (
    FirstQuestion,
    GoalScaling,
    Perspective,
    Scaling,
    StrengthEntry,
    default_scaling_visibility,
)
from krachtbron.testing.factories import GoalFactory, MemberFactory


class StrengthEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrengthEntry
        django_get_or_create = ("member", "dimension", "life_domain")

    member = factory.SubFactory(MemberFactory)
    dimension = Dimension.COMPETENCE
    life_domain = ""
    goes_well = "Kookt elke dag"
    is_hard = "Rustig blijven"
    gives_energy = "Wandelen"


class ScalingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scaling

    member = factory.SubFactory(MemberFactory)
    dimension = Dimension.COMPETENCE
    perspective = Perspective.MEMBER
    score = 5
    noted_on = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    # As the action sets it: the adviser's own score is for professionals until shared.
    visibility = factory.LazyAttribute(lambda s: default_scaling_visibility(s.perspective))

    class Params:
        by_adviser = factory.Trait(perspective=Perspective.ADVISER)


class GoalScalingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalScaling

    goal = factory.SubFactory(GoalFactory)
    score = 4
    noted_on = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))


class FirstQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirstQuestion

    text = "Ik snap de brief over de huur niet."
