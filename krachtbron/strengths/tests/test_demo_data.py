from django.core.management import call_command

from krachtbron.families.models import Family
from krachtbron.network.models import NetworkSnapshot
from krachtbron.strengths.models import GoalScaling, Scaling


def test_demo_families_have_history_to_show(db, settings):
    settings.PRODUCTION = False
    call_command("load_demo", verbosity=0)
    family = Family.objects.get(reference="KB-DEMO-001")
    member = family.members.first()
    dates = set(Scaling.objects.filter(member=member).values_list("noted_on", flat=True))
    assert len(dates) >= 3  # several scalings over time
    assert GoalScaling.objects.filter(goal__family=family).count() >= 3
    assert all(goal.dimension for goal in family.goals.all())
    assert NetworkSnapshot.objects.filter(family=family).count() >= 2
    assert family.network_persons.exists()
    assert family.first_question.text
