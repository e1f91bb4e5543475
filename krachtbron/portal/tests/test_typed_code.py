"""The typed code beside a personal link (``lib.typed_code``, ``portal.code_views``).

``/code/`` opens what the link opens (the questionnaire, a Mijn Krachtbron invitation, a
one-time link), with the link's own pages for a code that ended; a wrong code gets a Dutch
message with the typed text kept; guesses are throttled per address; the code is only ever in
a POST body and stored only as a hash.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.lib.models import CodeTry
from krachtbron.lib.typed_code import code_for_token, grouped, hash_code
from krachtbron.portal import actions
from krachtbron.portal.code_forms import NOT_A_CODE, UNKNOWN_CODE
from krachtbron.portal.models import MemberLink
from krachtbron.questionnaires.models import Invitation
from krachtbron.questionnaires.tests.factories import invite

pytestmark = pytest.mark.django_db
URL = "/code/"


def _post(client, code):
    return client.post(URL, {"code": code})


def _messy(code):
    """How a parent may type it: lower case, hyphens and extra spaces."""
    return " " + "-".join(code[i : i + 4] for i in range(0, 20, 4)).lower() + "  "


def test_the_code_page_is_a_plain_form_that_posts_to_itself():
    page = Client().get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    assert '<form method="post" novalidate>' in body and 'name="code"' in body
    assert "<script" not in body.split("<main", 1)[1]  # no JavaScript needed
    assert page["Referrer-Policy"] == "no-referrer"  # a family page
    assert reverse("portal:code") == URL


def test_a_questionnaire_code_opens_the_questionnaire(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    response = _post(client, _messy(code_for_token(token)))
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:form_start")
    assert client.get(response["Location"]).status_code == 200
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_a_mijn_krachtbron_invitation_code_leads_to_making_a_key(org):
    _link, token = actions.invite_member(org.adviser, org.member)
    response = _post(Client(), grouped(code_for_token(token)))
    assert response.status_code == 302 and response["Location"] == reverse("portal:welcome")


def test_a_one_time_code_signs_in_once(org):
    link, token = actions.make_one_time_link(org.adviser, org.member)
    code = grouped(code_for_token(token))
    client = Client()
    first = _post(client, code)
    assert first.status_code == 302 and first["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    link.refresh_from_db()
    assert link.used_at is not None
    again = _post(Client(), code)
    assert again.status_code == 410 and "Deze link is al gebruikt" in again.content.decode()


@pytest.mark.parametrize("ended", ["withdrawn", "expired"])
def test_an_ended_questionnaire_code_gets_the_links_page(org, ended):
    invitation, token = invite(org.member, org.adviser)
    Invitation.objects.filter(pk=invitation.pk).update(
        **{"withdrawn_at" if ended == "withdrawn" else "expires_at": timezone.now()}
    )
    by_code = _post(Client(), code_for_token(token))
    by_link = Client().get(reverse("questionnaires:open", args=[token]))
    assert by_code.status_code == by_link.status_code == 410
    assert by_code.content == by_link.content


@pytest.mark.parametrize("ended", ["withdrawn", "expired"])
def test_an_ended_portal_code_gets_the_links_page(org, ended):
    link, token = actions.invite_member(org.adviser, org.member)
    MemberLink.objects.filter(pk=link.pk).update(
        **{"withdrawn_at" if ended == "withdrawn" else "expires_at": timezone.now()}
    )
    by_code = _post(Client(), code_for_token(token))
    by_link = Client().get(reverse("portal:open", args=[token]))
    assert by_code.status_code == by_link.status_code == 410
    assert by_code.content.decode().split("<main")[1] == by_link.content.decode().split("<main")[1]


def test_a_wrong_code_is_said_in_dutch_and_the_typed_text_kept(org):
    invite(org.member, org.adviser)
    typed = "ABCD-EFGH-JKMN-PQRS-TUVW"
    page = _post(Client(), typed)
    body = page.content.decode()
    assert page.status_code == 400
    assert str(UNKNOWN_CODE) in body
    assert f'value="{typed}"' in body


@pytest.mark.parametrize(
    "typed", ["ABCD EFGH", "0BCD EFGH JKMN PQRS TUVW", "IBCD EFGH JKMN PQRS TUVW", "x" * 500, ""]
)
def test_what_cannot_be_a_code_is_said_and_never_counted(typed):
    page = _post(Client(), typed)
    assert page.status_code == 400
    assert (str(NOT_A_CODE) if typed else "Typ de code") in page.content.decode()
    assert not AccessAttempt.objects.exists()


def test_guesses_are_throttled_per_address(org, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _invitation, token = invite(org.member, org.adviser)
    good = code_for_token(token)
    guesser = Client(REMOTE_ADDR="192.0.2.20")
    guesses = ["ABCDEFGHJKMNPQRSTUV" + c for c in "234"]
    assert [_post(guesser, g).status_code for g in guesses] == [400, 400, 429]
    held = _post(guesser, good)  # locked: a good code waits too (a guesser cannot tell)
    assert held.status_code == 429 and "Te vaak geprobeerd" in held.content.decode()
    assert _post(Client(REMOTE_ADDR="192.0.2.21"), good).status_code == 302
    stored = " ".join(
        str(row)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
        for row in model.objects.values()
    )
    assert stored and not any(c in stored for c in [good, *guesses])


def test_a_good_code_does_not_reset_the_count(org, settings):
    """A questionnaire's code works until it is filled in: were a hit to reset the count, a
    guesser with a code of their own would guess for ever."""
    settings.AXES_FAILURE_LIMIT = 3
    _invitation, token = invite(org.member, org.adviser)
    guesser = Client(REMOTE_ADDR="192.0.2.30")
    for guess in ["ABCDEFGHJKMNPQRSTUV2", "ABCDEFGHJKMNPQRSTUV3"]:
        assert _post(guesser, guess).status_code == 400
    assert _post(guesser, code_for_token(token)).status_code == 302
    assert _post(guesser, "ABCDEFGHJKMNPQRSTUV4").status_code == 429


def test_one_code_is_limited_from_every_address_together(org, settings):
    """Per code, not only per address: a code that got around (a photo of the letter) is
    refused after AXES_FAILURE_LIMIT tries from many addresses, and so is a guess tried from
    many addresses; another code is not affected."""
    settings.AXES_FAILURE_LIMIT = 3
    _invitation, token = invite(org.member, org.adviser)
    good = code_for_token(token)
    clients = [Client(REMOTE_ADDR=f"192.0.2.{n}") for n in range(40, 44)]
    assert [_post(c, _messy(good)).status_code for c in clients] == [302, 302, 302, 429]
    guess = "ABCDEFGHJKMNPQRSTUV5"
    assert [_post(c, guess).status_code for c in clients] == [400, 400, 400, 429]
    refused = _post(Client(REMOTE_ADDR="192.0.2.50"), good)
    assert refused.status_code == 429 and "Te vaak geprobeerd" in refused.content.decode()
    other, other_token = invite(org.member, org.adviser)
    assert _post(Client(REMOTE_ADDR="192.0.2.51"), code_for_token(other_token)).status_code == 302


def test_a_codes_tries_are_forgotten_after_the_window(org, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _invitation, token = invite(org.member, org.adviser)
    good = code_for_token(token)
    for n in range(2):
        assert _post(Client(REMOTE_ADDR=f"192.0.2.6{n}"), good).status_code == 302
    assert _post(Client(REMOTE_ADDR="192.0.2.62"), good).status_code == 429
    CodeTry.objects.update(tried_at=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(1))
    assert _post(Client(REMOTE_ADDR="192.0.2.63"), good).status_code == 302
    assert CodeTry.objects.count() == 1  # the old tries are gone, not only left uncounted


def test_a_try_is_stored_under_a_key_that_is_neither_the_code_nor_its_hash(org):
    invitation, token = invite(org.member, org.adviser)
    code = code_for_token(token)
    _post(Client(), grouped(code))
    invitation.refresh_from_db()
    (key,) = CodeTry.objects.values_list("key", flat=True)
    assert len(key) == 64 and key not in (code, invitation.code_hash, hash_code(code))


def test_a_staff_session_is_signed_out_by_a_code(org, as_user):
    _invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    assert "medewerker ingelogd" in client.get(URL).content.decode()
    assert _post(client, code_for_token(token)).status_code == 302
    assert client.get(reverse("families:caseload")).status_code == 302  # signed out


def test_only_the_codes_hash_is_stored(org):
    invitation, token = invite(org.member, org.adviser)
    link, portal_token = actions.invite_member(org.adviser, org.member)
    for row, tok in ((invitation, token), (link, portal_token)):
        row.refresh_from_db()
        code = code_for_token(tok)
        assert row.code_hash == hash_code(code) and len(row.code_hash) == 64
        stored = str(type(row).objects.filter(pk=row.pk).values().get())
        assert code not in stored and grouped(code) not in stored


def test_the_code_is_kept_out_of_error_reports():
    """Django's error reports show a request's POST: the code's view marks it sensitive."""
    response = _post(Client(), "ABCD EFGH")
    assert response.wsgi_request.sensitive_post_parameters == ("code",)
