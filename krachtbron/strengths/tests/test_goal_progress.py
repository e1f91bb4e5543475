from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.strengths.models import GoalScaling
from krachtbron.strengths.tests.factories import GoalScalingFactory
from krachtbron.testing.factories import GoalFactory


def _url(goal):
    return reverse("strengths:goal_scalings", args=[goal.pk])


def test_a_goal_gets_scalings_over_time_shown_as_a_trend(org, as_user):
    client = as_user(org.adviser)
    GoalScalingFactory(goal=org.goal, score=2)
    response = client.post(
        _url(org.goal),
        {"score": "5", "note": "Eerste rustige week", "noted_on": timezone.localdate()},
    )
    assert response.status_code == 302
    assert list(GoalScaling.objects.values_list("score", flat=True)) == [2, 5]
    goals_page = client.get(reverse("strengths:goals", args=[org.family.pk])).content.decode()
    assert "Verloop van dit doel: 2 (" in goals_page
    assert AccessLogEntry.objects.filter(kind=AccessKind.CREATE, object_type="goalscaling").exists()


def test_the_goal_shows_its_dimension(org, as_user):
    org.goal.dimension = "social"
    org.goal.save()
    page = as_user(org.adviser).get(reverse("strengths:goals", args=[org.family.pk]))
    assert "Sociaal: wie je kent" in page.content.decode()


def test_bad_scores_are_refused_with_the_note_kept(org, as_user):
    response = as_user(org.adviser).post(
        _url(org.goal), {"score": "12", "note": "mijn notitie", "noted_on": "2025-01-01"}
    )
    page = response.content.decode()
    assert "Kies een cijfer van 0 tot en met 10." in page and "mijn notitie" in page
    assert not GoalScaling.objects.exists()


def test_another_familys_goal_is_404(org, as_user):
    theirs = GoalFactory(family=org.other_family)
    client = as_user(org.adviser)
    assert client.get(_url(theirs)).status_code == 404
    assert client.post(_url(theirs), {"score": "5", "noted_on": "2025-01-01"}).status_code == 404
    scaling = GoalScalingFactory(goal=theirs)
    url = reverse("strengths:goal_scaling_delete", args=[scaling.pk])
    assert client.post(url).status_code == 404
    assert GoalScaling.objects.filter(pk=scaling.pk).exists()


def test_deleting_a_goal_scaling_logs_it(org, as_user):
    scaling = GoalScalingFactory(goal=org.goal)
    url = reverse("strengths:goal_scaling_delete", args=[scaling.pk])
    assert as_user(org.adviser).post(url).status_code == 302
    assert not GoalScaling.objects.exists()
    assert AccessLogEntry.objects.filter(kind=AccessKind.DELETE, object_id=scaling.pk).exists()
