import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.lib.tokens import new_token
from krachtbron.questionnaires.family_session import SESSION_KEY
from krachtbron.questionnaires.models import Invitation, Response
from krachtbron.questionnaires.tests.factories import InvitationFactory, invite


def test_the_first_visit_exchanges_the_token_for_a_session_without_it_in_the_url(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    client.get(reverse("questionnaires:form_start"))  # an earlier anonymous session
    before = client.cookies.get("krachtbron_session")
    response = client.get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:form_start")
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    after = client.cookies["krachtbron_session"].value
    assert before is None or before.value != after  # a new session key
    assert client.session[SESSION_KEY] == invitation.pk
    page = client.get(response["Location"])
    assert page.status_code == 200 and token not in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_the_link_works_without_its_trailing_slash(org):
    _invitation, token = invite(org.member, org.adviser)
    response = Client().get("/v/" + token)
    assert response.status_code == 302


def _bad_tokens(org):
    _inv, good = invite(org.member, org.adviser)
    foreign = invite(
        org.other_family.members.create(first_name="X", role="opvoeder"), org.other_adviser
    )
    return {
        "malformed": "not-a-token",
        "truncated": good[:-3],
        "10 kB": "a" * 10240,
        "non-ASCII": "ç" * 43,
        "emoji": "🙂" * 43,
        "unknown": new_token(),
        "django signing token": "eyJpbnZpdGF0aW9uIjoxfQ:1tYx2Z:abcdefghijklmnopqrstu",
        "with a slash": good[:20] + "/" + good[20:],
        "sql": "' OR 1=1 --",
        "nul": "a\x00b",
        "foreign case": good.swapcase(),
        "other family's token with junk": foreign[1] + "x",
    }


BAD = [
    "malformed",
    "truncated",
    "10 kB",
    "non-ASCII",
    "emoji",
    "unknown",
    "django signing token",
    "with a slash",
    "sql",
    "nul",
    "foreign case",
    "other family's token with junk",
]


@pytest.mark.parametrize("case", BAD)
def test_a_bad_token_gets_a_friendly_dutch_page_and_changes_nothing(org, case):
    token = _bad_tokens(org)[case]
    client = Client(raise_request_exception=True)
    response = client.get(reverse("questionnaires:open", args=[token]))
    # Over the URL limit (4 kB) the request stops before the view, with the same message.
    assert response.status_code == (414 if len(token) > 4000 else 404)
    body = response.content.decode()
    assert "Deze link werkt niet" in body and 'lang="nl"' in body
    assert response["Referrer-Policy"] == "no-referrer"
    assert SESSION_KEY not in client.session
    assert not Invitation.objects.filter(opened_at__isnull=False).exists()


def test_an_expired_link_is_gone(org):
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, expired=True
    )
    client = Client()
    response = client.get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert Invitation.objects.get().opened_at is None


def test_a_withdrawn_link_is_gone(org):
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, withdrawn=True
    )
    response = Client().get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 410
    assert "werkt niet meer" in response.content.decode()


def test_a_used_link_is_gone(org):
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, answers={"g01": 3}, completed=True
    )
    client = Client()
    response = client.get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 410
    assert "al ingevuld" in response.content.decode()
    assert Response.objects.get().answers.count() == 1


def test_a_link_opened_where_staff_is_signed_in_explains_and_ends_nothing(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    logged = AccessLogEntry.objects.count()
    response = client.get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Deze link is voor het gezin" in body and "privévenster" in body
    assert "Uitloggen en de vragenlijst openen" in body
    assert token not in body.replace(f'action="/v/{token}"', "")  # only as the form's own URL
    assert response["Referrer-Policy"] == "no-referrer"
    # Nothing was opened, started or logged, and the staff session goes on.
    assert AccessLogEntry.objects.count() == logged
    assert SESSION_KEY not in client.session
    invitation.refresh_from_db()
    assert invitation.opened_at is None
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 200


def test_signing_out_from_that_page_opens_the_questionnaire(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    client.get(reverse("questionnaires:open", args=[token]))
    response = client.post(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:form_start")
    detail = client.get(reverse("families:detail", args=[org.family.pk]))
    assert detail.status_code == 302 and "/inloggen" in detail["Location"]
    assert client.get(reverse("questionnaires:form_start")).status_code == 200
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_signing_out_from_that_page_needs_the_csrf_token(org):
    from krachtbron.testing.personas import login

    _invitation, token = invite(org.member, org.adviser)
    client = Client(enforce_csrf_checks=True)
    login(client, org.adviser)
    response = client.post(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 403
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 200
