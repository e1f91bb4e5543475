"""Headers, CSRF and request limits (SECURITY.md 14-16)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_strict_security_headers(org, as_user):
    response = as_user(org.adviser).get(reverse("families:detail", args=[org.family.pk]))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_pages(org, as_user):
    html = (
        as_user(org.adviser).get(reverse("families:detail", args=[org.family.pk])).content.decode()
    )
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_post_without_csrf_token_is_refused(org):
    client = Client(enforce_csrf_checks=True)
    from krachtbron.testing.personas import login

    login(client, org.adviser)
    response = client.post(
        reverse("families:member_add", args=[org.family.pk]), {"first_name": "X", "role": "kind"}
    )
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()
    assert not org.family.members.filter(first_name="X").exists()


def test_a_ten_megabyte_body_gets_413(org, as_user):
    client = as_user(org.adviser)
    response = client.post(
        reverse("families:member_add", args=[org.family.pk]),
        {"first_name": "x" * (10 * 1024 * 1024), "role": "kind"},
    )
    assert response.status_code == 413


def test_a_one_megabyte_name_gets_413(org, as_user):
    response = as_user(org.adviser).post(
        reverse("families:member_add", args=[org.family.pk]),
        {"first_name": "x" * (1024 * 1024), "role": "kind"},
    )
    assert response.status_code == 413


def test_five_thousand_fields_are_refused(org, as_user):
    """As multipart they are over the body limit (413); urlencoded, Django's field limit (400):
    see test_request_limits.py."""
    data = {f"f{i}": "1" for i in range(5000)}
    response = as_user(org.adviser).post(reverse("families:member_add", args=[org.family.pk]), data)
    assert response.status_code == 413


def test_language_switch_to_english_and_back(org, as_user):
    client = as_user(org.adviser)
    client.post(reverse("set_language"), {"language": "en", "next": "/gezinnen/"})
    assert client.get(reverse("families:caseload"))["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "nl", "next": "/gezinnen/"})
    assert client.get(reverse("families:caseload"))["Content-Language"] == "nl"


def test_dutch_is_the_default_whatever_the_browser_says(org, as_user):
    response = as_user(org.adviser).get(reverse("families:caseload"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert response["Content-Language"] == "nl"
