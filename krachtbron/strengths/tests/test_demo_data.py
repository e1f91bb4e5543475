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
    # Every goal the adviser wrote has its dimension; a goal a member proposed in Mijn
    # Krachtbron (portal demo) has none until the adviser talks it through with them.
    assert all(goal.dimension for goal in family.goals.filter(added_by_member=None))
    assert family.goals.filter(added_by_member=None).exists()
    assert NetworkSnapshot.objects.filter(family=family).count() >= 2
    assert family.network_persons.exists()
    assert family.first_question.text


def test_the_demo_shows_privacy_inside_a_family(db, settings):
    """docs/gezinsrechten.md in the demo: gezag and dates of birth, a step-parent without gezag,
    a 14- and a 16-year-old, a part shared with the family and one for professionals only."""
    from django.utils import timezone

    from krachtbron.families.choices import Visibility
    from krachtbron.families.models import RightsDecision
    from krachtbron.families.rights import exact_age
    from krachtbron.strengths.models import Perspective

    settings.PRODUCTION = False
    call_command("load_demo", verbosity=0)
    family = Family.objects.get(reference="KB-DEMO-001")
    today = timezone.localdate()
    ages = {m.first_name: exact_age(m, today) for m in family.members.exclude(role="opvoeder")}
    assert ages["Noor"] == 14 and ages["Yara"] == 16
    assert family.members.filter(role="opvoeder", has_parental_authority=False).exists()
    assert family.goals.filter(visibility=Visibility.PROFESSIONALS).exists()
    assert family.goals.filter(visibility=Visibility.FAMILY).exists()
    assert RightsDecision.objects.filter(family=family, kind=RightsDecision.Kind.SHARE).count() == 2
    # The adviser's own scores are never shared by the demo.
    advisers = Scaling.objects.filter(perspective=Perspective.ADVISER)
    assert advisers.exists()
    assert not advisers.filter(visibility=Visibility.FAMILY).exists()
