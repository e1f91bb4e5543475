import factory

from krachtbron.knowledge.models import ConversationPlan, PlanKind


class TeamPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationPlan

    kind = PlanKind.TEAM
    topic = factory.Sequence(lambda n: f"Teamgesprek {n}")
    purpose = "Samen kijken hoe we regie bij gezinnen laten."
    audiences = ["collegas"]
    cards = ["waaier-regie"]
    team = factory.LazyAttribute(lambda plan: plan.owner.team)


class FamilyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationPlan

    kind = PlanKind.FAMILY
    topic = factory.Sequence(lambda n: f"Gesprek {n}")
    purpose = "Samen kijken wie kan helpen."
    audiences = ["ouders"]
    cards = ["waaier-speelruimte"]
