"""The closing walk (issue 15 item 3): the steps' state, the family's answer about follow-up,
closing once (double click, stale version), reopening ends the aftercare schedule."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.aftercare.tests.helpers import answered_check_in, close
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import closing_steps, step_states
from krachtbron.families.models import Family
from krachtbron.lib.locking import StaleEditError
from krachtbron.testing.personas import login


def _url(family):
    return reverse("aftercare:close", args=[family.pk])


def _post(client, family, consent="ja", version=None, key="k" * 24):
    family.refresh_from_db()
    data = {"followup": consent, "version": version or family.version, "form_key": key}
    return client.post(_url(family), data)


def test_the_three_apps_register_their_steps_in_order():
    keys = [step.key for step in closing_steps()]
    assert keys[:3] == ["closing_measurement", "stays", "network_plan"]


@pytest.mark.django_db
def test_the_steps_show_what_is_not_done_yet_and_do_not_block(org):
    states = {step.key: state for step, state in step_states(org.family)}
    assert not any(state.done for state in states.values())
    assert "nog geen uitnodiging" in states["closing_measurement"].summary.lower()
    assert "nog niemand" in states["stays"].summary
    assert "nog geen netwerkplan" in states["network_plan"].summary.lower()
    page = login(Client(), org.adviser).get(_url(org.family)).content.decode()
    assert page.count("closing-step--open") == 3
    response = _post(login(Client(), org.adviser), org.family)
    assert response.status_code == 302
    org.family.refresh_from_db()
    assert org.family.status == FamilyStatus.CLOSED


@pytest.mark.django_db
def test_the_steps_are_done_when_their_apps_say_so(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan.models import Agreement, NetworkPlan
    from krachtbron.questionnaires.models import Moment
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    InvitationFactory(
        member=org.member, created_by=org.adviser, moment=Moment.END, completed_at=timezone.now()
    )
    InvitationFactory(member=org.youth, created_by=org.adviser, moment=Moment.END)
    person = NetworkPersonFactory(family=org.family, label="Oma", stays_after_help=True)
    NetworkPlan.objects.create(family=org.family, ready_at=timezone.now())
    Agreement.objects.create(
        family=org.family, goal=org.goal, text="Oma haalt op", performer_person=person
    )
    states = {step.key: state for step, state in step_states(org.family)}
    assert all(state.done for state in states.values())
    assert states["closing_measurement"].summary == "2 uitnodigingen verstuurd, 1 ingevuld."
    assert states["stays"].summary == "1 persoon blijft als de hulp stopt."
    assert states["network_plan"].summary == "Het netwerkplan is klaar. 1 afspraak."


@pytest.mark.django_db
def test_closing_records_consent_schedules_follow_up_and_logs(org, settings):
    settings.PORTAL_AFTER_CLOSE_MONTHS = 12
    before = org.family.version
    response = _post(login(Client(), org.adviser), org.family, "ja")
    assert response.status_code == 302
    closure = Closure.objects.get(family=org.family)
    today = timezone.localdate()
    assert closure.followup_consent is True
    assert closure.closed_by == org.adviser
    assert closure.portal_until == actions.add_months(today, 12)
    dues = {f.month: f.due for f in FollowUp.objects.filter(closure=closure)}
    assert dues == {m: actions.add_months(today, m) for m in (1, 3, 6)}
    org.family.refresh_from_db()
    assert (org.family.status, org.family.version) == (FamilyStatus.CLOSED, before + 1)
    row = AccessLogEntry.objects.filter(kind=AccessKind.CHANGE, object_type="closure").get()
    assert row.extra == {"closed": True, "followup": True}


@pytest.mark.django_db
def test_no_follow_up_without_consent(org):
    _post(login(Client(), org.adviser), org.family, "nee")
    closure = Closure.objects.get(family=org.family)
    assert closure.followup_consent is False
    assert not FollowUp.objects.exists()


@pytest.mark.django_db
def test_the_consent_question_must_be_answered(org):
    response = _post(login(Client(), org.adviser), org.family, "")
    assert response.status_code == 400
    assert "heeft het gezin ingestemd met nazorg" in response.content.decode()
    assert not Closure.objects.exists()
    org.family.refresh_from_db()
    assert org.family.status != FamilyStatus.CLOSED


@pytest.mark.django_db
def test_a_double_click_closes_once(org):
    client = login(Client(), org.adviser)
    version = Family.objects.get(pk=org.family.pk).version
    first = _post(client, org.family, version=version)
    second = _post(client, org.family, version=version)  # same key: the same redirect
    third = _post(client, org.family, version=version, key="z" * 24)  # another tab
    assert first.status_code == second.status_code == third.status_code == 302
    assert Closure.objects.count() == 1
    assert FollowUp.objects.count() == 3
    with pytest.raises(actions.AlreadyClosed):
        actions.close_family(org.adviser, org.family, version + 1, followup_consent=True)


@pytest.mark.django_db
def test_a_stale_version_closes_nothing_and_keeps_the_answer(org):
    client = login(Client(), org.adviser)
    org.family.refresh_from_db()
    stale = org.family.version
    Family.objects.filter(pk=org.family.pk).update(version=stale + 1)  # someone saved meanwhile
    response = _post(client, org.family, "nee", version=stale)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in body
    assert 'value="nee"' in body and "checked" in body
    assert not Closure.objects.exists()
    with pytest.raises(StaleEditError):
        actions.close_family(org.adviser, org.family, stale, followup_consent=True)


@pytest.mark.django_db
def test_reopening_ends_the_aftercare_schedule(org):
    answered = answered_check_in(org.adviser, org.family, org.member, contact=False)
    client = login(Client(), org.adviser)
    url = reverse("aftercare:reopen", args=[org.family.pk])
    walk = client.get(reverse("aftercare:close", args=[org.family.pk])).content.decode()
    assert f'href="{url}"' in walk and f'action="{url}"' not in walk  # a link to a page first
    confirm = client.get(url)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Dossier heropenen?" in page
    assert "2 checks die nog niet zijn ingevuld, vervallen" in page
    assert "blijft gestopt" in page and "Mijn Krachtbron weer gebruiken" in page
    org.family.refresh_from_db()
    assert org.family.status == FamilyStatus.CLOSED  # the GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    twice = client.post(url, follow=True)  # a double click: nothing more, a calm message
    assert "Het dossier is al open." in twice.content.decode()
    assert client.get(url).status_code == 302  # no confirmation for an open file
    org.family.refresh_from_db()
    assert org.family.status == FamilyStatus.ACTIVE
    closure = Closure.objects.get()
    assert closure.reopened_at is not None and closure.reopened_by == org.adviser
    # The answered check-in stays (it is in the figures); the others are gone.
    assert list(FollowUp.objects.values_list("pk", flat=True)) == [answered.pk]
    assert not actions.reopen_family(org.adviser, org.family)  # a second click: nothing
    # Closing again is a new closure with a new schedule.
    close(org.adviser, org.family)
    assert Closure.objects.count() == 2
    assert FollowUp.objects.count() == 4


@pytest.mark.django_db
def test_the_file_edit_form_cannot_close_or_reopen(org):
    client = login(Client(), org.adviser)
    edit = reverse("families:edit", args=[org.family.pk])
    assert 'value="afgesloten"' not in client.get(edit).content.decode()
    org.family.refresh_from_db()
    response = client.post(
        edit,
        {
            "display_name": "Gezin A",
            "team": org.team.pk,
            "status": "afgesloten",
            "version": org.family.version,
        },
    )
    assert "error-summary" in response.content.decode()  # not a choice: refused
    org.family.refresh_from_db()
    assert org.family.status != FamilyStatus.CLOSED
    close(org.adviser, org.family)
    assert 'name="status"' not in client.get(edit).content.decode()


@pytest.mark.django_db
def test_the_overview_has_the_button_and_then_the_closure(org):
    client = login(Client(), org.adviser)
    detail = reverse("families:detail", args=[org.family.pk])
    assert "Hulp afsluiten" in client.get(detail).content.decode()
    close(org.adviser, org.family)
    body = client.get(detail).content.decode()
    assert "De hulp is afgesloten op" in body and "Het gezin wil nazorg." in body


@pytest.mark.django_db
def test_only_the_familys_own_adviser_closes(org):
    for user in (org.colleague, org.teamleider, org.other_adviser):
        response = _post(login(Client(), user), org.family)
        assert response.status_code == 404
    assert not Closure.objects.exists()


@pytest.mark.django_db
def test_the_walk_lists_the_check_ins_and_makes_a_link(org):
    from krachtbron.aftercare.tests.helpers import open_check_in

    follow_up = open_check_in(org.adviser, org.family)
    client = login(Client(), org.adviser)
    page = client.get(_url(org.family)).content.decode()
    assert "Na 1 maand" in page and "Na 6 maanden" in page and "Maak een link" in page
    response = client.post(
        reverse("aftercare:make_link", args=[follow_up.pk]), {"member": org.member.pk}
    )
    assert response.status_code == 200
    assert "/mijn/nazorg/l/" in response.content.decode()
    # A member of another family is refused, and the refusal logged for that family.
    response = client.post(
        reverse("aftercare:make_link", args=[follow_up.pk]), {"member": org.other_member.pk}
    )
    assert response.status_code == 400 and "Er klopt iets niet" in response.content.decode()
    denied = AccessLogEntry.objects.filter(family_id=org.other_family.pk, result="denied")
    assert denied.exists()
    FollowUp.objects.filter(pk=follow_up.pk).update(due=timezone.localdate() + timedelta(days=3))
    response = client.post(
        reverse("aftercare:make_link", args=[follow_up.pk]), {"member": org.member.pk}
    )
    assert response.status_code == 302  # not open yet: no link


@pytest.mark.django_db
def test_one_invitation_at_closure_reads_singular(org):
    from krachtbron.questionnaires.models import Moment
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    InvitationFactory(member=org.member, created_by=org.adviser, moment=Moment.END)
    states = {step.key: state for step, state in step_states(org.family)}
    assert states["closing_measurement"].summary == "1 uitnodiging verstuurd, 0 ingevuld."


@pytest.mark.django_db
def test_the_follow_up_table_says_once_when_a_check_in_opens_and_which_expired(org):
    from django.utils.formats import date_format

    from krachtbron.aftercare.actions import add_months, close_family

    closure = close_family(org.adviser, org.family, org.family.version, followup_consent=True)
    today = timezone.localdate()
    FollowUp.objects.filter(closure=closure, month=1).update(due=today - timedelta(days=200))
    page = login(Client(), org.adviser).get(reverse("aftercare:close", args=[org.family.pk]))
    text = page.content.decode()
    assert "Nog niet open of verlopen" not in text
    assert text.count("Verlopen") == 1  # the 1-month check-in, never answered
    assert text.count("Nog niet open") == 2  # the 3- and 6-month check-ins
    for month in (3, 6):
        day = add_months(today, month)
        # once, in the "Vanaf" column; the "Stand" column does not repeat it
        assert text.count(f"{day.day} {date_format(day, 'F')} {day.year}") == 1
