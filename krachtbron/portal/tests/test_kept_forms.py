"""A member's session runs out while they type: what they typed is not lost (as for staff,
lib/kept_forms.py). The post is kept, encrypted, in this browser's fresh session; after signing
in again as the same member the form shows again filled in, and nothing is saved until they
press the button."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.families.models import Goal
from krachtbron.portal import session
from krachtbron.portal.models import CorrectionRequest
from krachtbron.strengths.models import GoalScaling
from krachtbron.testing.portal import sign_in_member

TYPED = "Ik wil elke ochtend zelf op tijd opstaan"


def _idle(client: Client) -> None:
    stored = client.session
    stored[session.SEEN_AT] = (timezone.now() - timedelta(minutes=16)).isoformat()
    stored.save()


def _key(client: Client, path: str) -> str:
    html = client.get(path).content.decode()
    start = html.index('name="form_key" value="') + len('name="form_key" value="')
    return html[start : html.index('"', start)]


def _sign_in_again(client: Client, member) -> str:
    """Sign in again through a fresh one-time link; return where that leads."""
    from krachtbron.testing.portal import one_time_link

    path = one_time_link(member)
    client.get(path)
    response = client.post(path)
    assert response.status_code == 302
    return response["Location"]


CASES = [
    (
        "portal:goal_add",
        lambda org: [],
        {"text": TYPED, "life_domain": "wonen", "for_whom": "mij"},
        "portal:goal_add",
    ),
    (
        "portal:goal_score",
        lambda org: [org.goal.pk],
        {"score": "6", "not_zero_because": TYPED, "one_step_higher": "Wekker"},
        "portal:goal_score",
    ),
    (
        "portal:correction",
        lambda org: [],
        {"text": TYPED},
        "portal:dossier",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "fields", "page"), CASES)
def test_what_a_member_typed_comes_back_after_the_session_ran_out(org, name, args, fields, page):
    client = sign_in_member(Client(), org.member)
    path = reverse(name, args=args(org))
    form_page = reverse(page, args=args(org))
    posted = {**fields, "form_key": _key(client, form_page)}
    counts = (Goal.objects.count(), GoalScaling.objects.count(), CorrectionRequest.objects.count())
    _idle(client)
    late = client.post(path, posted)
    assert late.status_code == 302 and late["Location"] == reverse("portal:sign_in")
    sign_in_page = client.get(reverse("portal:sign_in")).content.decode()
    assert "staat er weer" in sign_in_page  # the page says the text is kept
    assert TYPED not in sign_in_page
    back = _sign_in_again(client, org.member)
    assert back == form_page
    shown = client.get(back)
    html = shown.content.decode()
    assert TYPED in html and "Wat je had ingevuld staat er weer" in html
    # Nothing was saved: the member presses the button themselves.
    assert counts == (
        Goal.objects.count(),
        GoalScaling.objects.count(),
        CorrectionRequest.objects.count(),
    )
    assert TYPED not in client.get(back).content.decode()  # given back once


@pytest.mark.django_db
def test_another_member_signing_in_in_that_browser_gets_nothing(org):
    client = sign_in_member(Client(), org.member)
    key = _key(client, reverse("portal:goal_add"))
    _idle(client)
    client.post(
        reverse("portal:goal_add"),
        {"text": TYPED, "life_domain": "wonen", "for_whom": "mij", "form_key": key},
    )
    assert _sign_in_again(client, org.youth) == reverse("portal:home")
    assert TYPED not in client.get(reverse("portal:goal_add")).content.decode()
    # Nor the parent afterwards: the youth's sign-in started a fresh session.
    assert _sign_in_again(client, org.member) == reverse("portal:home")
    assert TYPED not in client.get(reverse("portal:goal_add")).content.decode()


@pytest.mark.django_db
def test_a_post_without_a_valid_csrf_token_is_not_kept(org):
    client = sign_in_member(Client(), org.member)
    _idle(client)
    forged = Client(enforce_csrf_checks=True)
    forged.cookies = client.cookies  # the member's browser, a post from another site
    refused = forged.post(reverse("portal:goal_add"), {"text": TYPED})
    assert refused.status_code == 403
    assert _sign_in_again(client, org.member) == reverse("portal:home")


@pytest.mark.django_db
def test_a_revoked_session_keeps_nothing(org):
    """A passkey revoked or a link withdrawn (a lost phone): whoever holds that browser gets
    nothing back, whatever they post."""
    from krachtbron.portal.models import MemberLink

    client = sign_in_member(Client(), org.member)
    MemberLink.objects.filter(member=org.member).update(withdrawn_at=timezone.now())
    client.post(
        reverse("portal:goal_add"), {"text": TYPED, "life_domain": "wonen", "for_whom": "mij"}
    )
    assert "staat er weer" not in client.get(reverse("portal:sign_in")).content.decode()
    assert _sign_in_again(client, org.member) == reverse("portal:home")
