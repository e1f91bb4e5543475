"""One mechanism for the language of a family page (lib/family_language.py): the pages of a
link that does not work speak the link's language, the family can switch on every family page
without JavaScript, and the switch never touches the staff user's language cookie."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.lib import family_language, session_kinds
from krachtbron.networkplan import share_views
from krachtbron.portal import language as portal_language
from krachtbron.portal.models import MemberLanguage
from krachtbron.questionnaires.tests.factories import InvitationFactory, invite, open_link
from krachtbron.testing.personas import client_for

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _lang(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


@pytest.mark.parametrize("state", ["expired", "withdrawn"])
def test_a_dead_link_of_an_english_invitation_shows_an_english_page(org, state):
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, language="en", **{state: True}
    )
    response = Client().get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 410
    assert _lang(response) == "en" and response["Content-Language"] == "en"
    text = response.content.decode()
    assert "This link" in text and "Deze link" not in text


def test_a_dead_link_of_a_dutch_invitation_stays_dutch_with_an_english_line(org):
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, expired=True
    )
    response = Client().get(reverse("questionnaires:open", args=[token]))
    assert _lang(response) == "nl"
    assert "Deze link is verlopen" in response.content.decode()
    assert 'lang="en" class="f-other"' in response.content.decode()


def test_a_completed_english_questionnaire_says_so_in_english(org):
    invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, language="en", completed=True
    )
    family = Client()
    response = family.get(reverse("questionnaires:open", args=[token]))
    assert _lang(response) == "en", response.content.decode()[:300]


def test_an_unknown_link_is_dutch_and_the_switch_shows_it_in_english():
    path = reverse("questionnaires:open", args=["x" * 43])
    dutch = Client().get(path)
    assert _lang(dutch) == "nl"
    assert 'href="?taal=en"' in dutch.content.decode()
    assert "x" * 43 not in dutch.content.decode()  # the switch never repeats a link's token
    english = Client().get(path + "?taal=en")
    assert _lang(english) == "en" and "This link does not work" in english.content.decode()


def test_the_questionnaire_switches_and_keeps_the_choice_without_touching_the_cookie(org):
    _invitation, token = invite(org.member, org.adviser)
    family = Client()
    family.cookies[COOKIE] = "nl"  # a staff user's choice in this browser
    open_link(family, token)
    start = reverse("questionnaires:form_start")
    assert _lang(family.get(start)) == "nl"
    switched = family.get(start + "?taal=en")
    assert _lang(switched) == "en"
    assert COOKIE not in switched.cookies  # the cookie is not written
    assert _lang(family.get(reverse("questionnaires:form_question", args=[1]))) == "en"
    assert family.cookies[COOKIE].value == "nl"
    # A staff page in the same browser keeps the cookie's language.
    assert _lang(family.get(reverse("accounts:login"))) == "nl"


def test_an_unknown_language_in_the_switch_changes_nothing(org):
    _invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    assert _lang(family.get(reverse("questionnaires:form_start") + "?taal=xx")) == "nl"


def test_every_kind_of_family_page_offers_the_switch(org):
    _invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    pages = {
        "questionnaire": family.get(reverse("questionnaires:form_start")),
        "portal sign-in": Client().get(reverse("portal:sign_in")),
        "portal code": Client().get(reverse("portal:code")),
        "share problem": Client().get(reverse("networkplan:open_share", args=["x" * 43])),
        "stop problem": Client().get(reverse("sending:stop", args=["x" * 43])),
        "check-in problem": Client().get(reverse("aftercare:checkin_link", args=["x" * 43])),
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert '?taal=en" lang="en" hreflang="en">English</a>' in html, name
        assert 'action="/taal/"' not in html, name  # never the staff cookie's form


def test_a_member_sees_a_missing_page_in_their_own_language(org):
    MemberLanguage.objects.create(member=org.member, language="en")
    member = client_for(org, "member")
    response = member.get("/mijn/bestaat-niet/")
    assert response.status_code == 404
    assert _lang(response) == "en" and "This page does not exist" in response.content.decode()


def test_the_three_helpers_are_one():
    assert portal_language.show is family_language.show
    assert not hasattr(session_kinds, "show_language")
    assert not hasattr(share_views, "_show_in")


def test_the_family_languages_follow_a_family_languages_setting(settings):
    assert family_language.family_language_codes() == [c for c, _n in settings.LANGUAGES]
    settings.FAMILY_LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("pl", "Polski")]
    assert family_language.family_language_codes() == ["nl", "en", "pl"]
