"""The page of a family link that cannot be used: one helper (``family_language.problem_page``)
for Mijn Krachtbron (its link and its typed code), the questionnaire and the shared netwerkplan.
Each caller's page has the problem's status and speaks the link's language; an unknown link
is Dutch."""

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from krachtbron.lib import family_language
from krachtbron.lib.typed_code import code_for_token
from krachtbron.networkplan.models import Share
from krachtbron.networkplan.sharing import ShareProblem
from krachtbron.networkplan.tests.share_helpers import make_plan, share_all
from krachtbron.portal import actions as portal_actions
from krachtbron.portal.actions import LinkProblem as PortalProblem
from krachtbron.portal.models import MemberLanguage, MemberLink
from krachtbron.questionnaires.actions import LinkProblem as QuestionnaireProblem
from krachtbron.questionnaires.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

TEMPLATES = {
    PortalProblem: "portal/problem.html",
    QuestionnaireProblem: "questionnaires/family/problem.html",
    ShareProblem: "networkplan/share_problem.html",
}
PROBLEMS = [problem for kind in TEMPLATES for problem in kind]
UNKNOWN = "x" * 43


def _lang(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


def _request():
    request = RequestFactory().get("/")
    request.session = {}
    return request


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: f"{type(p).__module__}.{p.name}")
def test_the_page_has_the_problems_status_and_the_language_given(problem):
    with translation.override("nl"):
        response = family_language.problem_page(_request(), TEMPLATES[type(problem)], problem, "en")
    assert response.status_code == problem.status
    assert {"unknown": 404, "throttled": 429}.get(problem.value, 410) == problem.status
    assert _lang(response) == "en"


def test_without_a_language_the_page_keeps_the_one_already_shown():
    with translation.override("ar"):
        response = family_language.problem_page(
            _request(), TEMPLATES[PortalProblem], PortalProblem.THROTTLED
        )
    assert response.status_code == 429 and _lang(response) == "ar"
    assert "Te vaak geprobeerd" not in response.content.decode()


def _portal_link(org) -> str:
    link, token = portal_actions.make_one_time_link(org.adviser, org.member)
    MemberLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    return token


def _by_portal_link(client, token):
    return client.post(reverse("portal:open", args=[token]))


def _by_portal_code(client, token):
    return client.post(reverse("portal:code"), {"code": code_for_token(token)})


def _questionnaire_link(org) -> str:
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, language="en", expired=True
    )
    return token


def _by_questionnaire_link(client, token):
    return client.get(reverse("questionnaires:open", args=[token]))


def _share_link(org) -> str:
    share, token = share_all(org.member, make_plan(org).aunt)
    Share.objects.filter(pk=share.pk).update(
        language="en", expires_at=timezone.now() - timedelta(seconds=1)
    )
    return token


def _by_share_link(client, token):
    return client.get(reverse("networkplan:open_share", args=[token]))


CALLERS = {
    "portal link": (_portal_link, _by_portal_link),
    "portal code": (_portal_link, _by_portal_code),
    "questionnaire link": (_questionnaire_link, _by_questionnaire_link),
    "share link": (_share_link, _by_share_link),
}


@pytest.mark.parametrize("caller", CALLERS)
def test_each_caller_shows_an_expired_link_in_its_language_with_410(org, caller):
    make, open_ = CALLERS[caller]
    MemberLanguage.objects.create(member=org.member, language="en")  # the portal member's
    response = open_(Client(), make(org))
    assert response.status_code == 410
    assert _lang(response) == "en" and response["Content-Language"] == "en"


@pytest.mark.parametrize("caller", [c for c in CALLERS if c != "portal code"])
def test_each_caller_shows_an_unknown_link_in_dutch_with_404(caller):
    _make, open_ = CALLERS[caller]
    response = open_(Client(), UNKNOWN)
    assert response.status_code == 404 and _lang(response) == "nl"


def test_the_four_problem_helpers_are_one():
    from krachtbron.networkplan import share_views
    from krachtbron.portal import code_views, views
    from krachtbron.questionnaires.views import family

    assert not hasattr(share_views, "_problem")
    assert not any(hasattr(m, "_problem_page") for m in (code_views, views, family))
