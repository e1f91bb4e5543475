from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import completed_response, invite
from krachtbron.testing.factories import MemberFactory

# Situatie 4 items (2 answered → mean shown), sociaal 2 (none → not shown), …
FIRST = {"g01": 1, "g02": 0, "g07": 3, "g08": 4, "g09": 2, "g10": 1, "g11": 1, "g12": 2}
SECOND = {"g01": 3, "g02": 2, "g05": 4, "g07": 3, "g08": 3, "g09": 3, "g10": 2, "g11": 3}


@pytest.fixture
def two_measurements(org):
    earlier = timezone.now() - timedelta(days=60)
    first = completed_response(org.member, org.adviser, FIRST, completed_at=earlier)
    second = completed_response(org.member, org.adviser, SECOND, moment="tussentijds")
    return first, second


def test_the_adviser_reads_totals_sections_strengths_and_needs(org, as_user, two_measurements):
    first, _second = two_measurements
    client = as_user(org.adviser)
    response = client.get(reverse("questionnaires:response", args=[first.pk]))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.score.totals_per_category == {0: 1, 1: 3, 2: 2, 3: 1, 4: 1}
    situatie = result.score.section("situatie")
    assert situatie.answered == 2 and situatie.mean == 0.5
    assert result.score.section("sociaal").mean is None
    body = response.content.decode()
    assert "niet getoond" in body and "minstens de helft" in body
    assert [row.id for row in result.needs] == ["g01", "g02", "g10", "g11"]
    assert [row.id for row in result.strengths] == ["g07", "g08"]
    # Every development need comes with a prompt citing the handreiking.
    for row in result.needs:
        assert row.prompts and all(p["section"].startswith("§") for p in row.prompts)
    assert "handreiking §4.2" in body
    entry = AccessLogEntry.objects.get(kind=AccessKind.READ, object_type="questionnaire_response")
    assert entry.object_id == first.pk and entry.actor == org.adviser


def test_the_change_per_item_compares_with_the_previous_measurement(org, as_user, two_measurements):
    _first, second = two_measurements
    client = as_user(org.adviser)
    response = client.get(reverse("questionnaires:response", args=[second.pk]))
    changes = {row.number: row.change for row in response.context["changes"]}
    assert changes[1] == 2 and changes[2] == 2 and changes[5] is None and changes[8] == -1


def test_parent_and_youth_are_shown_side_by_side_for_the_same_moment(org, as_user):
    youth = MemberFactory(family=org.family, first_name="Noah", role=MemberRole.YOUTH)
    parent_response = completed_response(org.member, org.adviser, {"g01": 4, "g02": 3})
    completed_response(youth, org.adviser, {"g01": 1, "g03": 2})
    completed_response(youth, org.adviser, {"g01": 0}, moment="afsluiting")
    client = as_user(org.adviser)
    response = client.get(reverse("questionnaires:response", args=[parent_response.pk]))
    rows = response.context["side_by_side"]
    assert rows[0]["values"] == [4, 1] and rows[2]["values"] == [None, 2]
    assert "Noah" in response.content.decode()


def test_the_family_tab_shows_states_and_the_trend_with_a_table(org, as_user, two_measurements):
    invite(org.member, org.adviser, moment="afsluiting")
    client = as_user(org.adviser)
    response = client.get(reverse("questionnaires:family", args=[org.family.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "chart--line" in body and "<table" in body
    states = [row["state"] for row in response.context["rows"]]
    assert states == ["sent", "completed", "completed"]
    trend = response.context["trends"][0]
    assert trend.table[0]["means"] == [0.5, 2.5]
    assert {c.number: c.change for c in trend.changes}[1] == 2
    assert (
        AccessLogEntry.objects.filter(object_type="questionnaires", actor=org.adviser).count() == 1
    )


def test_an_unfinished_response_is_not_shown(org, as_user):
    invitation, _token = invite(org.member, org.adviser)
    actions.save_answer(invitation, "g01", 1)
    client = as_user(org.adviser)
    response = Response.objects.get()
    assert client.get(reverse("questionnaires:response", args=[response.pk])).status_code == 404


@pytest.mark.parametrize(
    "persona", ["colleague", "other_team", "teamleider", "beheerder", "onderzoeker"]
)
def test_nobody_else_reads_the_results(org, as_user, persona, two_measurements):
    first, _ = two_measurements
    client = as_user(org.personas()[persona])
    assert client.get(reverse("questionnaires:response", args=[first.pk])).status_code in (403, 404)
    assert client.get(reverse("questionnaires:family", args=[org.family.pk])).status_code in (
        403,
        404,
    )
