import datetime

from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.strengths.models import Perspective, Scaling
from krachtbron.strengths.tests.factories import ScalingFactory
from krachtbron.testing.factories import MemberFactory


def _url(org):
    return reverse("strengths:member_scalings", args=[org.member.pk])


def _data(**overrides):
    data = {
        "dimension": "motivation",
        "perspective": "gezinslid",
        "score": "6",
        "not_zero_because": "We praten weer",
        "one_step_higher": "Samen eten",
        "noted_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def test_a_scaling_is_kept_with_date_perspective_and_the_three_answers(org, as_user):
    response = as_user(org.adviser).post(_url(org), _data())
    assert response.status_code == 302
    scaling = Scaling.objects.get()
    assert scaling.score == 6 and scaling.perspective == Perspective.MEMBER
    assert scaling.not_zero_because == "We praten weer"
    assert scaling.by == org.adviser
    assert AccessLogEntry.objects.filter(kind=AccessKind.CREATE, object_type="scaling").exists()


def test_every_scaling_stays_in_the_history(org, as_user):
    client = as_user(org.adviser)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    client.post(_url(org), _data(score="3", noted_on=yesterday))
    client.post(_url(org), _data(score="7"))
    client.post(_url(org), _data(score="5", perspective="adviseur"))
    assert Scaling.objects.count() == 3
    page = client.get(_url(org)).content.decode()
    assert page.count('class="chart chart--line"') == 1  # one dimension, two lines
    assert "Het gezinslid zelf" in page and "De adviseur" in page


def test_a_score_outside_0_to_10_is_refused_in_dutch(org, as_user):
    client = as_user(org.adviser)
    for bad in ("11", "-1", "abc", "5.5", ""):
        response = client.post(_url(org), _data(score=bad, one_step_higher="bewaar mij"))
        page = response.content.decode()
        assert response.status_code == 200, bad
        assert "Kies een cijfer van 0 tot en met 10." in page
        assert "bewaar mij" in page
    assert not Scaling.objects.exists()


def test_a_date_in_the_future_or_nonsense_is_refused(org, as_user):
    client = as_user(org.adviser)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "in de toekomst" in client.post(_url(org), _data(noted_on=tomorrow)).content.decode()
    assert "Vul een datum in" in client.post(_url(org), _data(noted_on="99-99")).content.decode()
    assert "te ver terug" in client.post(_url(org), _data(noted_on="1900-01-01")).content.decode()
    assert not Scaling.objects.exists()


def test_deleting_a_scaling_logs_it_and_a_foreign_one_is_404(org, as_user):
    mine = ScalingFactory(member=org.member)
    theirs = ScalingFactory(member=MemberFactory(family=org.other_family))
    client = as_user(org.adviser)
    assert client.post(reverse("strengths:scaling_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("strengths:scaling_delete", args=[mine.pk])).status_code == 302
    assert list(Scaling.objects.all()) == [theirs]
    assert AccessLogEntry.objects.filter(kind=AccessKind.DELETE, object_type="scaling").exists()


def test_another_familys_member_is_404(org, as_user):
    stranger = MemberFactory(family=org.other_family)
    url = reverse("strengths:member_scalings", args=[stranger.pk])
    assert as_user(org.adviser).post(url, _data()).status_code == 404
    assert not Scaling.objects.exists()
