"""The Afspraken tab as the adviser uses it: add, edit (optimistic locking), bad input, double
submit, another family's performer, what the family added, the aanspreekpunt, the caseload."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint
from krachtbron.networkplan.tests.factories import (
    AgreementFactory,
    family_agreement,
    grow_agreements,
)
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _tab(org):
    return reverse("networkplan:agreements", args=[org.family.pk])


def _add(org):
    return reverse("networkplan:agreement_add", args=[org.family.pk])


def _data(org, **overrides):
    data = {
        "goal": str(org.goal.pk),
        "text": "Oma haalt de kinderen op woensdag",
        "performer": f"m{org.member.pk}",
        "when": "elke woensdag",
        "status": "afgesproken",
    }
    data.update(overrides)
    return data


def test_the_adviser_adds_an_agreement_with_a_person_from_the_map(org, as_user):
    oma = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    client = as_user(org.adviser)
    response = client.post(_add(org), _data(org, performer=f"p{oma.pk}"))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#afspraak-{agreement.pk}")
    assert (agreement.performer_person, agreement.goal, agreement.added_by) == (
        oma,
        org.goal,
        org.adviser,
    )
    assert agreement.added_by_member is None and not agreement.awaits_adviser
    assert AccessLogEntry.objects.filter(kind=AccessKind.CREATE, object_type="agreement").exists()
    page = client.get(_tab(org)).content.decode()
    assert "Oma haalt de kinderen op woensdag" in page and "Oma Aziza" in page


def test_the_performer_select_offers_members_persons_and_the_adviser(org, as_user):
    NetworkPersonFactory(family=org.family, label="Buurvrouw Els")
    NetworkPersonFactory(family=org.other_family, label="Vreemde Kees")
    page = as_user(org.adviser).get(_add(org)).content.decode()
    for text in ("Fatima", "Sem", "Buurvrouw Els", "ik (de hulpverlener)"):
        assert text in page
    assert "Vreemde Kees" not in page
    client = as_user(org.adviser)
    client.post(_add(org), _data(org, performer="ik"))
    assert Agreement.objects.get().performer_adviser


def test_another_familys_member_or_person_is_refused_and_logged(org, as_user):
    stranger = NetworkPersonFactory(family=org.other_family)
    client = as_user(org.adviser)
    for value in (f"m{org.other_member.pk}", f"p{stranger.pk}"):
        response = client.post(_add(org), _data(org, performer=value, text="Bewaar mij"))
        page = response.content.decode()
        assert "Kies iemand uit de lijst" in page and "Bewaar mij" in page
    assert not Agreement.objects.exists()
    denied = AccessLogEntry.objects.filter(
        result=AccessResult.DENIED, family_id=org.other_family.pk
    )
    assert denied.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "", "Schrijf op wat jullie afspreken."),
        ("text", "x" * 501, "hoogstens 500 tekens"),
        ("performer", "", "Kies wie het doet."),
        ("performer", "m", "Kies iemand uit de lijst"),
        ("goal", "", "Kies bij welk doel deze afspraak hoort."),
        ("when", "w" * 101, "hoogstens 100 tekens"),
        ("status", "misschien", "Kies iets uit de lijst"),
    ],
)
def test_bad_input_gets_a_dutch_message_keeps_the_text_and_changes_nothing(
    org, as_user, field, value, message
):
    data = _data(org, **{field: value})
    response = as_user(org.adviser).post(_add(org), data)
    page = response.content.decode()
    assert message in page
    if field != "text":
        assert "Oma haalt de kinderen op woensdag" in page
    assert not Agreement.objects.exists()


def test_a_double_click_stores_one_agreement(org, as_user):
    client = as_user(org.adviser)
    page = client.get(_add(org)).content.decode()
    key = page.split('name="form_key" value="')[1].split('"')[0]
    first = client.post(_add(org), {**_data(org), "form_key": key})
    second = client.post(_add(org), {**_data(org), "form_key": key})
    assert first.status_code == second.status_code == 302
    assert Agreement.objects.count() == 1


def _edit(agreement):
    return reverse("networkplan:agreement_edit", args=[agreement.pk])


def test_the_adviser_changes_the_status_and_a_stale_save_keeps_the_input(org, as_user):
    agreement = AgreementFactory(family=org.family, goal=org.goal, text="Samen koken")
    client = as_user(org.adviser)
    data = _data(org, text="Samen koken op vrijdag", status="loopt", version="1")
    assert client.post(_edit(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (AgreementStatus.RUNNING, 2)
    stale = client.post(_edit(agreement), {**data, "text": "Mijn nieuwe tekst", "version": "1"})
    page = stale.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in page and "Mijn nieuwe tekst" in page
    agreement.refresh_from_db()
    assert agreement.text == "Samen koken op vrijdag" and agreement.version == 2


def test_the_family_s_additions_are_marked_until_the_adviser_has_seen_them(org, as_user):
    family_agreement(org.member, org.goal)
    client = as_user(org.adviser)
    page = client.get(_tab(org)).content.decode()
    assert "Door het gezin toegevoegd" in page and "Nieuw voor jou" in page
    assert "1 afspraak van het gezin" in client.get(reverse("families:caseload")).content.decode()
    response = client.post(reverse("networkplan:agreements_seen", args=[org.family.pk]))
    assert response.status_code == 302
    page = client.get(_tab(org)).content.decode()
    assert "Nieuw voor jou" not in page and "Door het gezin toegevoegd" in page
    assert not Agreement.objects.filter(awaits_adviser=True).exists()
    seen = AccessLogEntry.objects.get(kind=AccessKind.CHANGE, object_type="agreements")
    assert seen.extra == {"seen": 1} and seen.actor_id == org.adviser.pk
    # A second "gezien" has nothing to clear: no row.
    client.post(reverse("networkplan:agreements_seen", args=[org.family.pk]))
    assert (
        AccessLogEntry.objects.filter(object_type="agreements", kind=AccessKind.CHANGE).count() == 1
    )
    assert "afspraak van het gezin" not in client.get(reverse("families:caseload")).content.decode()


def test_an_overloaded_carer_is_warned_about_on_the_tab_and_the_caseload(org, as_user, settings):
    settings.AGREEMENTS_PER_CARER = 2
    carer = NetworkPersonFactory(family=org.family, label="Oma Aziza", may_be_overloaded=True)
    for _ in range(2):
        AgreementFactory(family=org.family, goal=org.goal, performer_person=carer)
    AgreementFactory(
        family=org.family,
        goal=org.goal,
        performer_person=carer,
        status=AgreementStatus.DONE,
    )
    client = as_user(org.adviser)
    assert "kan overbelast raken en heeft" not in client.get(_tab(org)).content.decode()
    AgreementFactory(family=org.family, goal=org.goal, performer_person=carer)
    page = client.get(_tab(org)).content.decode()
    assert "kan overbelast raken en heeft 3 open afspraken (meer dan 2)" in page
    caseload = client.get(reverse("families:caseload")).content.decode()
    assert "Let op: iemand uit het netwerk kan overbelast raken" in caseload


def test_the_adviser_sets_an_aanspreekpunt_and_sees_who_has_none(org, as_user):
    carer = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    helper = NetworkPersonFactory(family=org.family, label="Buurvrouw Els")
    AgreementFactory(family=org.family, goal=org.goal, performer_person=carer)
    client = as_user(org.adviser)
    assert "Nog geen aanspreekpunt" in client.get(_tab(org)).content.decode()
    url = reverse("networkplan:contact_point", args=[carer.pk])
    both = client.post(url, {"turns_to": str(helper.pk), "turns_to_text": "buurt", "version": 0})
    assert "Niet allebei" in both.content.decode() and "buurt" in both.content.decode()
    assert client.post(url, {"turns_to": str(helper.pk), "version": 0}).status_code == 302
    assert ContactPoint.objects.get().turns_to == helper
    page = client.get(_tab(org)).content.decode()
    assert "Nog geen aanspreekpunt" not in page
    stale = client.post(url, {"turns_to_text": "het buurtteam", "version": 0})
    assert "Iemand anders heeft dit net gewijzigd" in stale.content.decode()
    assert ContactPoint.objects.get().turns_to == helper


def test_who_stays_without_an_agreement_is_suggested(org, as_user):
    NetworkPersonFactory(family=org.family, label="Opa Ahmed", stays_after_help=True)
    page = as_user(org.adviser).get(_tab(org)).content.decode()
    assert "Misschien kan <bdi>Opa Ahmed</bdi> iets doen?" in page


def test_the_tab_runs_as_many_queries_for_many_agreements(org, as_user):
    grow_agreements(org.family, org.member, 1)
    client = as_user(org.adviser)
    assert_constant_queries(
        client, _tab(org), grow=lambda: grow_agreements(org.family, org.member, 5)
    )


def test_the_caseload_notes_run_one_query_each_for_any_number_of_families(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from krachtbron.networkplan.agreement_actions import (
        caseload_family_notes,
        caseload_overload_notes,
    )

    grow_agreements(org.family, org.member, 3)
    grow_agreements(org.other_family, org.other_member, 3)
    ids = [org.family.pk, org.other_family.pk]
    with CaptureQueriesContext(connection) as captured:
        family_notes = caseload_family_notes(ids)
        overload_notes = caseload_overload_notes(ids)
    assert len(captured) == 2
    assert set(family_notes) == set(overload_notes) == set(ids)


def test_another_familys_goal_is_a_form_error_and_a_refused_look(org, as_user):
    from krachtbron.testing.factories import GoalFactory

    foreign = GoalFactory(family=org.other_family)
    response = as_user(org.adviser).post(_add(org), _data(org, goal=str(foreign.pk)))
    assert "Kies een doel van dit gezin." in response.content.decode()
    assert not Agreement.objects.exists()
    assert AccessLogEntry.objects.filter(
        result=AccessResult.DENIED, family_id=org.other_family.pk
    ).exists()
