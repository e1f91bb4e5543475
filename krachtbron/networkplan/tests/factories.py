"""factory_boy factories and small builders for the netwerkplan's tests."""

import factory

from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.network.models import NetworkPerson
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.agreements import Performer
from krachtbron.networkplan.models import Agreement, ContactPoint
from krachtbron.testing.factories import GoalFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement the adviser does, at a goal of the family."""

    class Meta:
        model = Agreement

    family = factory.LazyAttribute(lambda o: o.goal.family)
    goal = factory.SubFactory(GoalFactory)
    text = factory.Sequence(lambda n: f"Afspraak {n}")
    performer_adviser = factory.LazyAttribute(
        lambda o: o.performer_member is None and o.performer_person is None
    )
    performer_member = None
    performer_person = None
    when = "elke week"


def family_agreement(member: FamilyMember, goal: Goal) -> Agreement:
    """An agreement a member added in Mijn Krachtbron (the adviser has not seen it)."""
    from krachtbron.networkplan.agreement_actions import add_member_agreement

    return add_member_agreement(
        member, goal=goal, text="Wij koken samen op zondag", performer=Performer(member=member)
    )


def grow_agreements(family: Family, member: FamilyMember, n: int) -> None:
    """``n`` more goals, each with agreements by a member, a carer (marked "kan overbelast
    raken", over the limit, with and without an aanspreekpunt) and the adviser; and persons
    who stay without an agreement (suggestions)."""
    for i in range(n):
        goal = GoalFactory(family=family, text=f"Doel {i}")
        carer = NetworkPersonFactory(
            family=family, label=f"Tante {i}", may_be_overloaded=True, stays_after_help=True
        )
        NetworkPersonFactory(family=family, label=f"Buur {i}", stays_after_help=True)
        for _ in range(3):
            AgreementFactory(family=family, goal=goal, performer_person=carer)
        AgreementFactory(family=family, goal=goal, performer_member=member)
        AgreementFactory(family=family, goal=goal)
        family_agreement(member, goal)
        if i % 2:
            helper: NetworkPerson = NetworkPersonFactory(family=family, label=f"Vriend {i}")
            ContactPoint.objects.create(person=carer, turns_to=helper)
