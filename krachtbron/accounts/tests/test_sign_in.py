"""Sign-in with password and TOTP (SECURITY.md 1-3)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT
from krachtbron.testing.browser import totp_code
from krachtbron.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in_with_password(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def test_a_password_alone_reaches_no_data_page(client, org):
    response = sign_in_with_password(client, org.adviser)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify")
    for url in [
        reverse("families:caseload"),
        reverse("families:detail", args=[org.family.pk]),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:verify"), (
            url
        )


def test_the_right_code_signs_in_and_changes_the_session_id(client, org):
    sign_in_with_password(client, org.adviser)
    key_before = client.session.session_key
    response = client.post(reverse("accounts:verify"), {"code": totp_code(org.adviser)})
    assert response.status_code == 302
    assert client.session.session_key != key_before
    assert client.get(reverse("families:caseload")).status_code == 200


def test_login_rotates_the_session_id(client, org):
    client.get(reverse("accounts:login"))
    client.session["probe"] = 1
    anonymous_key = client.session.session_key
    sign_in_with_password(client, org.adviser)
    assert client.session.session_key != anonymous_key


def test_a_one_time_code_works_only_once(client, org):
    code = totp_code(org.adviser)
    sign_in_with_password(client, org.adviser)
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, org.adviser)
    response = client.post(reverse("accounts:verify"), {"code": code})
    assert response.status_code == 200
    assert "al gebruikt" in response.content.decode()
    assert client.get(reverse("families:caseload")).status_code == 302


def test_wrong_codes_are_throttled(client, org):
    sign_in_with_password(client, org.adviser)
    for _ in range(3):
        client.post(reverse("accounts:verify"), {"code": "000000"})
    # Even the right code is refused while the throttle holds.
    response = client.post(reverse("accounts:verify"), {"code": totp_code(org.adviser)})
    assert "Te veel foute codes" in response.content.decode()
    device = TOTPDevice.objects.get(user=org.adviser)
    assert device.throttling_failure_count >= 1


def test_a_malformed_code_gets_a_dutch_message(client, org):
    sign_in_with_password(client, org.adviser)
    response = client.post(reverse("accounts:verify"), {"code": "abc\x00" * 100})
    assert response.status_code == 200
    assert "Vul de 6 cijfers" in response.content.decode()


def test_wrong_password_gets_a_dutch_message_and_keeps_the_username(client, org):
    response = sign_in_with_password(client, org.adviser, "wrong password!!")
    html = response.content.decode()
    assert response.status_code == 200
    assert "klopt niet" in html
    assert 'value="alice"' in html


def test_ten_failed_logins_lock_the_account_for_this_address(client, org):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_with_password(client, org.adviser, "wrong password!!")
    response = sign_in_with_password(client, org.adviser)  # right password, but locked
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in response.content.decode()
    # Another account from the same address is not locked.
    assert sign_in_with_password(client, org.colleague).status_code == 302


def test_new_user_without_device_must_connect_an_app_first(client, org):
    user = UserFactory(team=org.team, device=False)
    response = sign_in_with_password(client, user)
    assert response["Location"] == reverse("accounts:setup")
    page = client.get(reverse("accounts:setup"))
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from django_otp.oath import TOTP

    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    assert client.post(reverse("accounts:setup"), {"code": code}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("families:caseload")).status_code == 200


def _age_session(client, **ages):
    session = client.session
    now = timezone.now()
    if "auth" in ages:
        session[AUTH_AT] = (now - ages["auth"]).isoformat()
    if "seen" in ages:
        session[SEEN_AT] = (now - ages["seen"]).isoformat()
    session.save()


def test_an_idle_session_ends(org, as_user):
    client = as_user(org.adviser)
    _age_session(client, seen=settings.SESSION_IDLE_TIMEOUT + timedelta(minutes=1))
    response = client.get(reverse("families:caseload"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    assert client.get(reverse("families:caseload")).status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(org, as_user):
    client = as_user(org.adviser)
    _age_session(client, auth=settings.SESSION_ABSOLUTE_TIMEOUT + timedelta(minutes=1))
    response = client.get(reverse("families:caseload"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_active_session_stays(org, as_user):
    client = as_user(org.adviser)
    _age_session(client, seen=timedelta(minutes=5), auth=timedelta(hours=2))
    assert client.get(reverse("families:caseload")).status_code == 200


def test_logout_ends_the_session_server_side(client, org):
    from django.contrib.sessions.models import Session

    sign_in_with_password(client, org.adviser)
    client.post(reverse("accounts:verify"), {"code": totp_code(org.adviser)})
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("families:caseload")).status_code == 302


def test_logout_by_get_changes_nothing(org, as_user):
    client = as_user(org.adviser)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("families:caseload")).status_code == 200


def test_demo_code_is_shown_only_in_demo_mode(client, org, settings):
    sign_in_with_password(client, org.adviser)
    settings.DEMO_MODE = False
    assert b"demo-code" not in client.get(reverse("accounts:verify")).content
    settings.DEMO_MODE = True
    assert b"demo-code" in client.get(reverse("accounts:verify")).content
