"""The beheerder manages teams and users; deactivation ends sessions; no mass assignment."""

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from krachtbron.accounts.models import Role, StaffSession, Team, User
from krachtbron.audit.models import AccessLogEntry
from krachtbron.testing.browser import totp_code
from krachtbron.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def invite_data(org, **overrides):
    data = {
        "first_name": "Nadia",
        "last_name": "Bakker",
        "username": "nadia",
        "email": "nadia@example.org",
        "role": Role.ADVISEUR,
        "team": org.team.pk,
    }
    data.update(overrides)
    return data


def test_beheerder_invites_a_user_who_sets_a_password(
    org, as_user, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(org.beheerder).post(reverse("accounts:user_invite"), invite_data(org))
    assert response.status_code == 200
    user = User.objects.get(username="nadia")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = response.context["link"]
    assert link in mail.outbox[0].body
    client.logout()
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    # Django moves the token out of the URL before the form is shown.
    assert "set-password" in form_page.redirect_chain[-1][0]
    new_password = "een heel sterke zin voor nadia"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_invite_refuses_an_adviser_without_team_and_keeps_the_input(org, as_user):
    response = as_user(org.beheerder).post(
        reverse("accounts:user_invite"), invite_data(org, team="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "hoort bij een team" in html
    assert 'value="Nadia"' in html
    assert not User.objects.filter(username="nadia").exists()


def test_forms_ignore_fields_they_do_not_own(org, as_user):
    as_user(org.beheerder).post(
        reverse("accounts:user_invite"),
        invite_data(org, is_superuser="on", is_staff="on", password="x"),
    )
    user = User.objects.get(username="nadia")
    assert not user.is_superuser and not user.is_staff


def test_the_forms_cannot_grant_the_privacy_officer_right(org, as_user):
    """The issue: a beheerder could give themselves the right through the user form."""
    client = as_user(org.beheerder)
    client.post(
        reverse("accounts:user_invite"),
        invite_data(org, role=Role.BEHEERDER, team="", is_privacy_officer="on"),
    )
    assert not User.objects.get(username="nadia").is_privacy_officer
    other = UserFactory(username="wim", role=Role.BEHEERDER, team=None)
    data = invite_data(org, username="wim", email="wim@example.org", first_name="Wim")
    data.update(role=Role.BEHEERDER, team="", is_privacy_officer="on")
    response = client.post(reverse("accounts:user_edit", args=[other.pk]), data)
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_privacy_officer


def test_a_beheerder_cannot_give_themselves_the_right_through_their_own_form(org, as_user):
    bea = org.beheerder
    bea.is_privacy_officer = False
    bea.save(update_fields=["is_privacy_officer"])
    data = invite_data(org, username="bea", email=bea.email, first_name="Bea")
    data.update(role=Role.BEHEERDER, team="", is_privacy_officer="on")
    as_user(bea).post(reverse("accounts:user_edit", args=[bea.pk]), data)
    bea.refresh_from_db()
    assert not bea.is_privacy_officer


def test_a_beheerder_cannot_change_their_own_role_through_the_form(org, as_user):
    bea = org.beheerder
    data = invite_data(org, username="bea", email=bea.email, first_name="Beatrix")
    data.update(role=Role.ADVISEUR, team=org.team.pk)
    page = as_user(bea).get(reverse("accounts:user_edit", args=[bea.pk])).content.decode()
    assert "Je eigen rol wijzigt een andere beheerder." in page
    as_user(bea).post(reverse("accounts:user_edit", args=[bea.pk]), data)
    bea.refresh_from_db()
    assert bea.role == Role.BEHEERDER and bea.first_name == "Beatrix"


def test_a_user_edit_is_logged_with_old_and_new_values(org, as_user):
    data = invite_data(org, username="bob", email="bob@example.org", first_name="Bob")
    data.update(role=Role.TEAMLEIDER)
    as_user(org.beheerder).post(reverse("accounts:user_edit", args=[org.colleague.pk]), data)
    row = AccessLogEntry.objects.get(object_type="user")
    assert row.actor == org.beheerder and row.object_id == org.colleague.pk
    assert row.extra == {"last_name": "changed", "role": ["adviseur", "teamleider"]}


def test_over_long_and_control_character_names_are_refused(org, as_user):
    client = as_user(org.beheerder)
    for name in ["N" * 151, "Na\x00dia", "Na\x1bdia"]:
        response = client.post(reverse("accounts:user_invite"), invite_data(org, first_name=name))
        assert response.status_code == 200
        assert not User.objects.filter(username="nadia").exists()


def test_deactivating_a_user_ends_their_sessions(org, client, as_user):
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("accounts:verify"), {"code": totp_code(org.adviser)})
    assert StaffSession.objects.filter(user=org.adviser).exists()
    key = client.session.session_key
    from django.test import Client

    admin = Client()
    from krachtbron.testing.personas import login

    login(admin, org.beheerder)
    admin.post(reverse("accounts:user_set_active", args=[org.adviser.pk]), {"active": "0"})
    org.adviser.refresh_from_db()
    assert not org.adviser.is_active
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("families:caseload")).status_code == 302


def test_beheerder_cannot_deactivate_themselves(org, as_user):
    response = as_user(org.beheerder).post(
        reverse("accounts:user_set_active", args=[org.beheerder.pk]), {"active": "0"}, follow=True
    )
    assert "Je kunt je eigen account niet uitzetten" in response.content.decode()
    org.beheerder.refresh_from_db()
    assert org.beheerder.is_active
    assert not AccessLogEntry.objects.filter(object_type="user").exists()


def test_beheerder_changes_role_and_team(org, as_user):
    data = invite_data(org, username="bob", email="bob@example.org", first_name="Bob")
    data.update(role=Role.TEAMLEIDER, team=org.other_team.pk)
    as_user(org.beheerder).post(reverse("accounts:user_edit", args=[org.colleague.pk]), data)
    org.colleague.refresh_from_db()
    assert org.colleague.role == Role.TEAMLEIDER and org.colleague.team == org.other_team


def test_beheerder_creates_a_team(org, as_user):
    as_user(org.beheerder).post(
        reverse("accounts:team_create"), {"name": "Team MBO", "is_active": "on"}
    )
    assert Team.objects.filter(name="Team MBO").exists()


def test_beheerder_sees_no_family_content(org, as_user):
    client = as_user(org.beheerder)
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 404
    assert client.get(reverse("families:caseload")).status_code == 403
    page = client.get(reverse("accounts:team_list")).content.decode()
    assert org.family.display_name not in page


def test_reset_second_factor_removes_devices(org, as_user):
    as_user(org.beheerder).post(reverse("accounts:user_reset_2fa", args=[org.adviser.pk]))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not TOTPDevice.objects.filter(user=org.adviser).exists()


def test_usernames_and_email_addresses_are_unique_whatever_the_case(org, as_user):
    client = as_user(org.beheerder)
    response = client.post(
        reverse("accounts:user_invite"), invite_data(org, username="ALICE", email="x@example.org")
    )
    assert "al in gebruik" in response.content.decode()
    response = client.post(
        reverse("accounts:user_invite"), invite_data(org, email=org.adviser.email.upper())
    )
    assert "al een account met dit e-mailadres" in response.content.decode()
    assert not User.objects.filter(username="nadia").exists()


def test_the_invitation_link_uses_the_address_the_beheerder_uses(org, as_user):
    response = as_user(org.beheerder).post(
        reverse("accounts:user_invite"), invite_data(org), HTTP_HOST="localhost"
    )
    assert response.context["link"].startswith("http://localhost/activeren/")
    assert (
        "uitgenodigd" in as_user(org.beheerder).get(reverse("accounts:user_list")).content.decode()
    )


# --- The examples through the pages: each change leaves one row with old and new --------


def _row(object_type):
    [row] = AccessLogEntry.objects.filter(object_type=object_type)
    return row


def test_an_invitation_through_the_page_is_logged(org, as_user):
    as_user(org.beheerder).post(reverse("accounts:user_invite"), invite_data(org))
    row = _row("user_invitation")
    assert row.actor == org.beheerder and row.object_id == User.objects.get(username="nadia").pk
    assert row.extra == {"role": [None, "adviseur"], "team": [None, org.team.pk]}


def test_a_team_through_the_page_is_logged(org, as_user):
    client = as_user(org.beheerder)
    client.post(reverse("accounts:team_edit", args=[org.team.pk]), {"name": "Team Oost"})
    row = _row("team")
    assert row.actor == org.beheerder and row.extra == {"is_active": [True, False]}


def test_deactivation_and_second_factor_reset_through_the_page_are_logged(org, as_user):
    client = as_user(org.beheerder)
    client.post(reverse("accounts:user_set_active", args=[org.adviser.pk]), {"active": "0"})
    client.post(reverse("accounts:user_reset_2fa", args=[org.colleague.pk]))
    deactivated, reset = _row("user"), _row("second_factor")
    assert (deactivated.object_id, deactivated.extra) == (
        org.adviser.pk,
        {"is_active": [True, False]},
    )
    assert (reset.object_id, reset.extra) == (org.colleague.pk, {"devices": [1, 0]})
    assert deactivated.actor == reset.actor == org.beheerder
