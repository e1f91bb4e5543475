"""Conversations with a family: part of the family file, its access rules and access log."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.knowledge.models import ConversationPlan, PlanKind
from krachtbron.knowledge.tests.factories import FamilyPlanFactory

pytestmark = pytest.mark.django_db


def _rows(family):
    return list(AccessLogEntry.objects.filter(family_id=family.pk).order_by("id"))


def _prepare(**overrides):
    data = {
        "topic": "Wie kan er helpen?",
        "purpose": "Netwerk in beeld",
        "audiences": ["ouders"],
        "participants": "moeder en oma",
        "planned_on": "",
        "approach": "Thuis, met de netwerkkaart",
        "cards": ["waaier-speelruimte"],
    }
    data.update(overrides)
    return data


def test_the_tab_lists_the_plans_and_logs_the_read(org, as_user):
    plan = FamilyPlanFactory(owner=org.adviser, family=org.family)
    response = as_user(org.adviser).get(reverse("knowledge:family_plans", args=[org.family.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert plan.topic in html
    assert 'aria-current="page">Gesprekken</a>' in html
    row = _rows(org.family)[-1]
    assert row.kind == AccessKind.READ and row.actor == org.adviser
    assert row.object_type == "conversation_plans"


def test_creating_a_family_plan_writes_the_plan_and_a_log_row(org, as_user):
    client = as_user(org.adviser)
    response = client.post(
        reverse("knowledge:family_plan_create", args=[org.family.pk]), _prepare()
    )
    plan = ConversationPlan.objects.get()
    assert response["Location"] == reverse("knowledge:family_plan", args=[plan.pk])
    assert plan.kind == PlanKind.FAMILY and plan.family == org.family and plan.team is None
    row = _rows(org.family)[-1]
    assert (row.kind, row.object_type, row.object_id) == (
        AccessKind.CREATE,
        "conversationplan",
        plan.pk,
    )
    assert "moeder" not in str(row.extra)


def test_every_read_and_change_is_logged(org, as_user):
    plan = FamilyPlanFactory(owner=org.adviser, family=org.family)
    client = as_user(org.adviser)
    client.get(reverse("knowledge:family_plan", args=[plan.pk]))
    client.get(reverse("knowledge:family_plan_edit", args=[plan.pk]))
    client.post(reverse("knowledge:family_plan_edit", args=[plan.pk]), _prepare(version=1))
    client.get(reverse("knowledge:family_plan_record", args=[plan.pk]))
    client.post(
        reverse("knowledge:family_plan_record", args=[plan.pk]),
        {"status": "gevoerd", "notes": "Oma helpt op woensdag.", "agreements": "", "version": 2},
    )
    client.post(reverse("knowledge:family_plan_delete", args=[plan.pk]))
    kinds = [row.kind for row in _rows(org.family)]
    assert kinds == [
        AccessKind.READ,
        AccessKind.READ,
        AccessKind.CHANGE,
        AccessKind.READ,
        AccessKind.CHANGE,
        AccessKind.DELETE,
    ]
    assert not ConversationPlan.objects.exists()


@pytest.mark.parametrize(
    "url_name",
    ["knowledge:family_plan", "knowledge:family_plan_edit", "knowledge:family_plan_record"],
)
def test_nobody_but_the_familys_adviser_sees_a_plan(org, client, url_name):
    from krachtbron.testing.personas import login

    plan = FamilyPlanFactory(owner=org.adviser, family=org.family, topic="Geheim onderwerp")
    url = reverse(url_name, args=[plan.pk])
    for name, user in org.personas().items():
        client.logout()
        if user is not None:
            login(client, user)
        response = client.get(url)
        assert response.status_code in (302, 403, 404), name
        assert "Geheim onderwerp" not in response.content.decode()


def test_another_adviser_cannot_change_or_delete_a_plan(org, client):
    from krachtbron.testing.personas import login

    plan = FamilyPlanFactory(owner=org.adviser, family=org.family)
    login(client, org.other_adviser)
    edit = client.post(
        reverse("knowledge:family_plan_edit", args=[plan.pk]), _prepare(topic="x", version=1)
    )
    delete = client.post(reverse("knowledge:family_plan_delete", args=[plan.pk]))
    assert (edit.status_code, delete.status_code) == (404, 404)
    plan.refresh_from_db()
    assert plan.topic != "x"


def test_a_team_plan_is_not_reachable_through_the_family_urls(org, as_user):
    from krachtbron.knowledge.tests.factories import TeamPlanFactory

    plan = TeamPlanFactory(owner=org.adviser)
    assert (
        as_user(org.adviser).get(reverse("knowledge:family_plan", args=[plan.pk])).status_code
        == 404
    )


def test_a_stale_edit_of_a_family_plan_keeps_the_input(org, as_user):
    plan = FamilyPlanFactory(owner=org.adviser, family=org.family, version=2)
    response = as_user(org.adviser).post(
        reverse("knowledge:family_plan_edit", args=[plan.pk]), _prepare(topic="Nieuw", version=1)
    )
    html = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in html and 'value="Nieuw"' in html
    assert not AccessLogEntry.objects.filter(kind=AccessKind.CHANGE).exists()


def test_user_text_is_escaped(org, as_user):
    plan = FamilyPlanFactory(
        owner=org.adviser, family=org.family, topic='"><svg onload=alert(1)>', notes="{{7*7}}"
    )
    html = (
        as_user(org.adviser).get(reverse("knowledge:family_plan", args=[plan.pk])).content.decode()
    )
    assert "<svg onload" not in html
    assert "&lt;svg onload" in html
