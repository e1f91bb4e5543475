from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult
from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.strengths.tests.factories import ScalingFactory, StrengthEntryFactory
from krachtbron.strengths.tests.hostile import HOSTILE, RLO


def _url(org):
    return reverse("strengths:profile", args=[org.family.pk])


def test_it_shows_each_dimension_with_entries_and_both_views_of_the_scaling(org, as_user):
    StrengthEntryFactory(member=org.member, dimension=Dimension.SOCIAL, goes_well="Zus helpt")
    StrengthEntryFactory(
        member=org.member,
        dimension=Dimension.SOCIAL,
        life_domain=LifeDomain.HOUSING,
        is_hard="Kleine woning",
    )
    for score in (3, 5, 6):
        ScalingFactory(member=org.member, dimension=Dimension.SOCIAL, score=score)
    ScalingFactory(member=org.member, dimension=Dimension.SOCIAL, score=4, by_adviser=True)

    response = as_user(org.adviser).get(_url(org))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Zus helpt" in page and "Kleine woning" in page and "Wonen" in page
    assert "Verloop eigen cijfer: 3 (" in page  # the sparkline's text alternative
    assert 'class="chart chart--spark"' in page


def test_it_writes_a_read_row(org, as_user):
    as_user(org.adviser).get(_url(org))
    entry = AccessLogEntry.objects.get(family_id=org.family.pk, object_type="strength_profile")
    assert entry.kind == AccessKind.READ and entry.actor == org.adviser


def test_a_colleague_gets_404_and_the_refusal_is_logged(org, as_user):
    response = as_user(org.colleague).get(_url(org))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(
        family_id=org.family.pk, actor=org.colleague, result=AccessResult.DENIED
    ).exists()


def test_hostile_text_renders_as_text(org, as_user):
    for dimension, payload in zip(Dimension, HOSTILE, strict=False):
        StrengthEntryFactory(member=org.member, dimension=dimension, goes_well=payload)
    org.member.first_name = HOSTILE[3]
    org.member.save()

    page = as_user(org.adviser).get(_url(org)).content.decode()

    assert "<script>alert(1)" not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in page
    assert "&lt;/text&gt;&lt;foreignObject&gt;" in page
    assert "<bdi>{{7*7}}</bdi>" in page  # a template tag in data is just text


def test_a_right_to_left_override_is_isolated(org, as_user):
    StrengthEntryFactory(member=org.member, goes_well=HOSTILE[4])
    page = as_user(org.adviser).get(_url(org)).content.decode()
    assert f"<bdi>{HOSTILE[4]}</bdi>" in page
    assert RLO in page
