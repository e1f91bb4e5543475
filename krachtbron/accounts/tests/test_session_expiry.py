"""Session expiry never loses what someone typed (issue 12, section 2; SECURITY.md 3).

Time passes in these tests by moving the session's own clock back (`_let_pass`): the same as
waiting, without a sleep or a timed assertion.
"""

import json
from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT, write_resolution
from krachtbron.families.models import Goal
from krachtbron.knowledge.models import ConversationPlan
from krachtbron.lib import kept_forms
from krachtbron.lib.idempotency import FIELD
from krachtbron.lib.models import KeptForm
from krachtbron.testing.forms import form_key_of, shown_text
from krachtbron.testing.personas import sign_in_through_the_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_session_clock(settings):
    """Record activity as often as in production (conftest slows it down for query counts)."""
    settings.SESSION_SEEN_RESOLUTION = timedelta(seconds=5)


KEPT_MESSAGE = "Je was uitgelogd. Wat je had ingevuld staat er weer; controleer het en sla op."
GOAL_TEXT = "Zelf de brieven van de woningcorporatie lezen — ook als het spannend is"


def _let_pass(client, seconds):
    """As if `seconds` went by: every clock in the session moves back."""
    session = client.session
    for key in (AUTH_AT, SEEN_AT):
        moment = datetime.fromisoformat(session[key])
        session[key] = (moment - timedelta(seconds=seconds)).isoformat()
    session.save()


def _seen_at(client):
    return datetime.fromisoformat(client.session[SEEN_AT])


def _signed_in(client, user, next_url=""):
    response = sign_in_through_the_pages(client, user, next_url)
    assert response.status_code == 302
    return response


def _is_sign_in(response):
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


# --- The idle time is exact ---------------------------------------------------------------------


def test_the_idle_timeout_does_not_fire_early(client, org, settings):
    """The example: with a 1-minute setting the session ended 20 s early, because the last
    request was not recorded (SEEN_AT was written once a minute)."""
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=1)
    _signed_in(client, org.adviser)
    _let_pass(client, 50)
    assert client.get(reverse("families:caseload")).status_code == 200  # active at 0:50
    _let_pass(client, 58)  # 58 s idle since then: not yet a minute
    assert client.get(reverse("families:caseload")).status_code == 200


def test_the_idle_timeout_ends_the_session_at_most_a_few_seconds_late(client, org, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=1)
    _signed_in(client, org.adviser)
    _let_pass(client, 60 + write_resolution().total_seconds() + 1)
    assert _is_sign_in(client.get(reverse("families:caseload")))
    assert write_resolution() <= timedelta(seconds=5)


def test_requests_close_together_write_the_session_once(client, org):
    _signed_in(client, org.adviser)
    client.get(reverse("families:caseload"))
    key = client.session.session_key
    stored = Session.objects.get(session_key=key).session_data
    client.get(reverse("families:caseload"))  # well within the write resolution
    assert Session.objects.get(session_key=key).session_data == stored


def test_asking_how_long_is_left_does_not_count_as_activity(client, org, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    _signed_in(client, org.adviser)
    _let_pass(client, 600)
    seen = _seen_at(client)
    state = client.get(reverse("accounts:session_status")).json()
    assert _seen_at(client) == seen
    assert 20 * 60 - 2 <= state["expires_in"] <= 20 * 60 + 5
    assert state["absolute"] is False


def test_blijf_ingelogd_counts_as_activity(client, org, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    _signed_in(client, org.adviser)
    _let_pass(client, 29 * 60)
    response = client.post(reverse("accounts:session_extend"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["expires_in"] >= 30 * 60 - 2
    assert timezone.now() - _seen_at(client) < timedelta(seconds=5)
    # Without script: a plain form post goes back to the page, with a message.
    page = reverse("families:caseload")
    back = client.post(reverse("accounts:session_extend"), HTTP_REFERER="http://testserver" + page)
    assert back["Location"] == "http://testserver" + page
    assert "Je blijft ingelogd." in client.get(page).content.decode()


def test_blijf_ingelogd_cannot_stretch_the_absolute_lifetime(client, org, settings):
    _signed_in(client, org.adviser)
    session = client.session
    session[AUTH_AT] = (
        timezone.now() - settings.SESSION_ABSOLUTE_TIMEOUT + timedelta(minutes=1)
    ).isoformat()
    session.save()
    state = client.post(reverse("accounts:session_extend"), HTTP_ACCEPT="application/json").json()
    assert state["absolute"] is True and state["expires_in"] <= 60


def test_signed_in_pages_carry_the_warning_and_the_sign_in_page_does_not(client, org, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    assert b"session-notice" not in client.get(reverse("accounts:login")).content
    _signed_in(client, org.adviser)
    page = client.get(reverse("families:caseload")).content.decode()
    assert 'id="session-notice"' in page and "hidden" in page
    assert 'role="status"' in page and "js/session.js" in page
    assert 'data-warn-before="120"' in page
    assert 'data-expires-in="180' in page or 'data-expires-in="179' in page


# --- What was typed is kept ---------------------------------------------------------------------


def _goal_form(client, org):
    url = reverse("families:goal_add", args=[org.family.pk])
    return url, form_key_of(client.get(url))


def _goal(key):
    return {"text": GOAL_TEXT, "life_domain": "wonen", "status": "open", FIELD: key}


def test_a_form_posted_after_the_session_ended_comes_back_filled_in(client, org):
    """The example: an adviser types a goal for 31 minutes and presses save."""
    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    before = Goal.objects.count()
    _let_pass(client, 31 * 60)
    response = client.post(url, _goal(key))
    assert response["Location"] == reverse("accounts:login") + "?" + urlencode({"next": url})
    assert Goal.objects.count() == before
    kept = KeptForm.objects.get(user=org.adviser, path=url)
    assert GOAL_TEXT.encode() not in bytes(kept.data)  # encrypted in the database
    login_page = client.get(response["Location"]).content.decode()
    assert f'name="next" value="{url}"' in login_page
    assert "daarna staat wat je had ingevuld" in login_page

    assert _signed_in(client, org.adviser, url)["Location"] == url
    page = client.get(url)
    html = shown_text(page.content.decode())
    assert KEPT_MESSAGE in html and GOAL_TEXT in html
    assert form_key_of(page) == key  # still the same form: one save creates one goal
    assert Goal.objects.count() == before  # shown again, never sent by itself
    assert not KeptForm.objects.exists()  # given back once
    # A reload shows an empty form: it was given back only once.
    assert GOAL_TEXT not in shown_text(client.get(url).content.decode())
    client.post(url, _goal(key))
    assert Goal.objects.filter(text=GOAL_TEXT).count() == 1


def test_only_the_same_user_gets_it_back(client, org):
    """Another user signing in on the same browser gets nothing; the owner still can."""
    _signed_in(client, org.adviser)
    url = reverse("knowledge:plan_create")
    key = form_key_of(client.get(url))
    _let_pass(client, 31 * 60)
    topic = "Wat doen we als de mantelzorger overbelast raakt?"
    client.post(url, {"topic": topic, FIELD: key})
    assert KeptForm.objects.filter(user=org.adviser).exists()

    _signed_in(client, org.colleague, url)  # Bob, same team: may open this page too
    page = shown_text(client.get(url).content.decode())
    assert topic not in page and KEPT_MESSAGE not in page
    client.post(reverse("accounts:logout"))

    assert _signed_in(client, org.adviser, url)["Location"] == url
    page = shown_text(client.get(url).content.decode())
    assert topic in page and KEPT_MESSAGE in page
    assert not ConversationPlan.objects.exists()


def test_a_kept_form_is_gone_after_a_quarter_of_an_hour(client, org):
    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    _let_pass(client, 31 * 60)
    client.post(url, _goal(key))
    KeptForm.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _signed_in(client, org.adviser, url)
    assert not KeptForm.objects.exists()  # expired rows are deleted at sign-in
    page = shown_text(client.get(url).content.decode())
    assert GOAL_TEXT not in page and KEPT_MESSAGE not in page


def test_passwords_tokens_and_the_stale_csrf_token_are_never_kept(org):
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    post.update(
        {
            "csrfmiddlewaretoken": "stale",
            "new_password1": "geheim-wachtwoord",
            "token": "x" * 43,
            "text": "Wat het gezin wil",
        }
    )
    assert kept_forms.keep(org.adviser.pk, "/p/", post)
    data = kept_forms.take(org.adviser.pk, "/p/")
    assert dict(data.lists()) == {"text": ["Wat het gezin wil"]}


def _expired_client(org, **extra):
    client = Client(enforce_csrf_checks=True, **extra)
    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    _let_pass(client, 31 * 60)
    return client, url, key


def test_a_forged_post_from_another_site_is_not_kept(org):
    client, url, key = _expired_client(org)
    response = client.post(url, _goal(key), HTTP_ORIGIN="https://evil.example")
    assert _is_sign_in(response)
    assert not KeptForm.objects.exists()


def test_a_post_with_a_stale_csrf_token_from_our_own_page_is_kept(org):
    """Signing in again in another tab rotates the CSRF token; the form is still ours."""
    client, url, key = _expired_client(org)
    data = {**_goal(key), "csrfmiddlewaretoken": "s" * 64}
    response = client.post(url, data, HTTP_ORIGIN="http://testserver")
    assert _is_sign_in(response)
    assert KeptForm.objects.filter(user=org.adviser, path=url).exists()


def test_a_post_with_a_valid_csrf_token_is_kept(org):
    client, url, key = _expired_client(org)
    token = client.cookies["csrftoken"].value
    client.post(url, {**_goal(key), "csrfmiddlewaretoken": token})
    assert KeptForm.objects.filter(user=org.adviser, path=url).exists()


def test_a_button_on_another_page_brings_the_user_back_to_that_page(client, org):
    from krachtbron.questionnaires.tests.factories import invite

    invitation, _token = invite(org.member, org.adviser)
    _signed_in(client, org.adviser)
    page = reverse("questionnaires:invitation", args=[invitation.pk])
    _let_pass(client, 31 * 60)
    response = client.post(
        reverse("questionnaires:withdraw", args=[invitation.pk]),
        HTTP_REFERER="http://testserver" + page,
    )
    assert response["Location"] == reverse("accounts:login") + "?" + urlencode({"next": page})
    assert not KeptForm.objects.exists()


def test_a_get_after_the_session_ended_returns_to_that_page_after_sign_in(client, org):
    _signed_in(client, org.adviser)
    _let_pass(client, 31 * 60)
    url = reverse("families:detail", args=[org.family.pk])
    response = client.get(url)
    assert response["Location"] == reverse("accounts:login") + "?" + urlencode({"next": url})
    assert _signed_in(client, org.adviser, url)["Location"] == url


def test_a_next_to_another_site_is_ignored(client, org):
    response = _signed_in(client, org.adviser, "https://evil.example/gezinnen/")
    assert response["Location"] == reverse("home")


def test_the_status_answers_json_and_needs_a_signed_in_user(client, org):
    assert _is_sign_in(client.get(reverse("accounts:session_status")))
    _signed_in(client, org.adviser)
    response = client.get(reverse("accounts:session_status"))
    assert response["Content-Type"] == "application/json"
    assert set(json.loads(response.content)) == {"expires_in", "absolute"}


def test_a_form_posted_from_a_tab_after_another_tab_noticed_the_end_is_kept(client, org):
    """Tab B opened a page after the session ended (it was signed out there); tab A's form,
    posted after that, is still kept for the same user."""
    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    _let_pass(client, 31 * 60)
    assert _is_sign_in(client.get(reverse("families:caseload")))  # tab B
    response = client.post(url, _goal(key))  # tab A, now without a signed-in session
    assert response["Location"] == reverse("accounts:login") + "?" + urlencode({"next": url})
    assert KeptForm.objects.filter(user=org.adviser, path=url).exists()
    _signed_in(client, org.adviser, url)
    assert GOAL_TEXT in shown_text(client.get(url).content.decode())


def test_the_warnings_questions_report_the_end_without_ending_the_session(client, org):
    """So the form posted after the warning said "uitgelogd" is still kept."""
    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    _let_pass(client, 31 * 60)
    assert client.get(reverse("accounts:session_status")).json()["expires_in"] == 0
    stay = client.post(reverse("accounts:session_extend"), HTTP_ACCEPT="application/json")
    assert stay.json()["expires_in"] == 0  # too late to stay
    client.post(url, _goal(key))
    assert KeptForm.objects.filter(user=org.adviser, path=url).exists()


def test_a_late_form_is_not_kept_for_a_switched_off_account(client, org):
    from krachtbron.accounts import actions

    _signed_in(client, org.adviser)
    url, key = _goal_form(client, org)
    actions.deactivate_user(org.beheerder, org.adviser)  # its sessions end at once, server-side
    response = client.post(url, _goal(key))
    assert _is_sign_in(response)
    assert not KeptForm.objects.exists()


def test_an_edit_typed_too_long_comes_back_too(client, org):
    _signed_in(client, org.adviser)
    url = reverse("families:goal_edit", args=[org.goal.pk])
    key = form_key_of(client.get(url))
    _let_pass(client, 31 * 60)
    data = {**_goal(key), "version": org.goal.version}
    client.post(url, data)
    _signed_in(client, org.adviser, url)
    page = shown_text(client.get(url).content.decode())
    assert GOAL_TEXT in page and KEPT_MESSAGE in page
    org.goal.refresh_from_db()
    assert org.goal.text != GOAL_TEXT  # not saved until the adviser presses save
    assert client.post(url, data).status_code == 302
    org.goal.refresh_from_db()
    assert org.goal.text == GOAL_TEXT


def test_a_button_posted_without_a_referer_lands_on_the_home_page(client, org):
    """No Referer (a privacy setting): the button's own URL is only for POST, so after signing
    in again the user lands on the home page, without a promise of a form."""
    from krachtbron.questionnaires.tests.factories import invite

    invitation, _token = invite(org.member, org.adviser)
    _signed_in(client, org.adviser)
    _let_pass(client, 31 * 60)
    url = reverse("questionnaires:withdraw", args=[invitation.pk])
    client.post(url, {"note": "x"})
    assert _signed_in(client, org.adviser, url)["Location"] == url
    response = client.get(url)
    assert response["Location"] == reverse("home")
    page = client.get(reverse("families:caseload")).content.decode()
    assert "staat er weer" not in page
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None  # nothing was done by itself
