"""Demo: what a parent and a young person already did in Mijn Krachtbron (Ons plan), in the
families the portal's demo invited (``demo_data.load`` calls ``load`` with them). Made through
the same actions as the portal pages, so "Wie keek mee" names the members."""

from krachtbron.accounts.models import User
from krachtbron.families.actions import add_family_goal, settle_family_goal
from krachtbron.families.choices import Dimension, GoalProposal, LifeDomain
from krachtbron.families.models import Family, FamilyMember
from krachtbron.portal.plan_actions import raise_talk_flag
from krachtbron.strengths import actions as strength_actions


def load(adviser: User, invited: list[tuple[Family, FamilyMember, FamilyMember]]) -> None:
    """For each (family, parent, young person): the young person added a goal of their own and
    scored it and themselves; the parent added a goal for the whole family (agreed by the
    adviser in the second family, still a proposal in the first) and wants to talk about one of
    the family's goals."""
    for number, (family, parent, youth) in enumerate(invited):
        own = add_family_goal(
            youth,
            text="Ik wil zelf op tijd opstaan, zonder dat mama mij roept.",
            life_domain=LifeDomain.WORK_SCHOOL,
            for_whole_family=False,
        )
        strength_actions.add_own_goal_scaling(
            youth,
            own,
            score=4,
            not_zero_because="Twee keer deze week lukte het al.",
            one_step_higher="De wekker aan de andere kant van de kamer zetten.",
        )
        strength_actions.add_own_scaling(
            youth,
            dimension=Dimension.MOTIVATION,
            score=7,
            not_zero_because="Ik wil graag naar de havo.",
        )
        together = add_family_goal(
            parent,
            text="Eén avond in de week samen iets leuks doen.",
            life_domain=LifeDomain.RELATIONS,
            for_whole_family=True,
        )
        if number == 1:
            settle_family_goal(adviser, together, GoalProposal.AGREED)
        first_goal = family.goals.exclude(pk__in=[own.pk, together.pk]).first()
        raise_talk_flag(parent, goal=first_goal or together)
