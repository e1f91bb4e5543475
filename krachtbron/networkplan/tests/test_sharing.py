"""Sharing the netwerkplan with a network person (SECURITY.md 4, 5, 7, 30): the link reaches
only its own view, after withdrawal or expiry nothing, never the portal, the file or another
share; consent per member by age (12, 16, 18); tokens of every bad shape; every view logged
with the network person as the actor."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from krachtbron.audit.models import AccessLogEntry, AccessResult, ActorKind
from krachtbron.families.choices import MemberRole
from krachtbron.families.rights import rights_of
from krachtbron.lib.tokens import new_token
from krachtbron.networkplan import share_rows, share_session, sharing
from krachtbron.networkplan.choices import ConsentDecision
from krachtbron.networkplan.models import Share, ShareConsent
from krachtbron.networkplan.plan import build_network_plan
from krachtbron.networkplan.tests.share_helpers import (
    answer,
    decide,
    make_plan,
    open_share,
    share_all,
)
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

SHARED = reverse("networkplan:shared")


def _link(token: str) -> str:
    return reverse("networkplan:open_share", args=[token])


def _years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


# --- The link and its session --------------------------------------------------------------------


def test_the_link_opens_a_session_and_the_view_has_no_token(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    aunt = Client()
    response = aunt.get(_link(token))
    assert response.status_code == 302 and response["Location"] == SHARED
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = aunt.get(SHARED)
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    text = page.content.decode()
    assert "Als ik ziek ben" in text and "Tante Noor haalt Sem" in text and org.goal.text in text
    assert token not in text
    assert "112" in text and "0800-2000" in text


def test_every_view_is_logged_with_the_network_person_as_the_actor(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    aunt = Client()
    open_share(aunt, token)
    aunt.get(SHARED)
    rows = AccessLogEntry.objects.filter(
        actor_kind=ActorKind.NETWORK_PERSON, result=AccessResult.OK, family_id=org.family.pk
    )
    assert rows.count() == 2
    assert {row.actor_member_id for row in rows} == {planned.aunt.pk}
    share.refresh_from_db()
    assert share.last_viewed_at is not None


def test_the_view_never_shows_a_mark_for_professionals_only(org):
    planned = make_plan(org)  # the aunt "kan overbelast raken", with a secret note
    _share, token = share_all(org.member, planned.aunt)
    text = open_share(Client(), token).content.decode()
    for mark in ("GEHEIM-notitie", "overbelast", "belastend", org.family.reference):
        assert mark not in text


def test_after_withdrawal_the_link_and_its_open_session_show_a_friendly_page(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    aunt = Client()
    open_share(aunt, token)
    assert sharing.withdraw_share(org.youth, share)
    assert not sharing.withdraw_share(org.member, share)  # once
    page = aunt.get(SHARED)
    assert page.status_code == 410 and "Het gezin deelt dit plan niet meer" in page.content.decode()
    assert "Als ik ziek ben" not in page.content.decode()
    again = Client().get(_link(token))
    assert again.status_code == 410
    assert (
        AccessLogEntry.objects.filter(
            actor_kind=ActorKind.NETWORK_PERSON, result=AccessResult.DENIED
        ).count()
        == 2
    )


def test_an_expired_link_shows_a_friendly_page_and_changes_nothing(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    Share.objects.filter(pk=share.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = Client()
    response = client.get(_link(token))
    assert response.status_code == 410 and "Deze link is verlopen" in response.content.decode()
    assert share_session.SESSION_KEY not in client.session
    assert client.get(SHARED).status_code == 404


def test_the_share_session_reaches_nothing_else(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    other, other_token = share_all(org.member, planned.neighbour)
    aunt = Client()
    open_share(aunt, token)
    # Never the portal, a staff page, the file, another share's view.
    assert aunt.get(reverse("portal:home"))["Location"] == reverse("portal:sign_in")
    assert aunt.get(reverse("portal:network_plan"))["Location"] == reverse("portal:sign_in")
    for url in (
        reverse("families:detail", args=[org.family.pk]),
        reverse("networkplan:plan", args=[org.family.pk]),
    ):
        response = aunt.get(url)
        assert response.status_code == 302 and "/mijn/" not in response["Location"]
        assert response["Location"].startswith(reverse("accounts:login"))
    # The session holds only this share: the neighbour's parts are not on the aunt's page.
    page = aunt.get(SHARED).content.decode()
    assert "Tante Noor" in page
    assert aunt.session[share_session.SESSION_KEY] == _share.pk != other.pk


def test_a_staff_or_member_browser_changes_nothing_with_the_link(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    adviser = login(Client(), org.adviser)
    response = adviser.get(_link(token))
    assert response.status_code == 403
    assert adviser.get(reverse("families:detail", args=[org.family.pk])).status_code == 200
    assert adviser.get(SHARED).status_code == 404
    member = sign_in_member(Client(), org.member)
    assert member.get(_link(token)).status_code == 403
    assert member.get(reverse("portal:home")).status_code == 200
    assert not AccessLogEntry.objects.filter(actor_kind=ActorKind.NETWORK_PERSON).exists()


BAD_TOKENS = [
    "",
    "abc",
    "x" * 42,  # truncated
    "x" * 43,  # well-formed, unknown
    "x" * 10_000,  # 10 kB
    "ëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëë",  # non-ASCII
    "%00" * 20,
    "../../mijn/",
]


@pytest.mark.parametrize("token", BAD_TOKENS, ids=range(len(BAD_TOKENS)))
def test_bad_tokens_get_a_friendly_page_and_change_nothing(org, token):
    planned = make_plan(org)
    share_all(org.member, planned.aunt)
    before = (
        AccessLogEntry.objects.count(),
        Share.objects.filter(last_viewed_at__isnull=False).count(),
    )
    client = Client()
    response = client.get("/gedeeld/l/" + token)
    assert response.status_code in (404, 414), response.status_code
    if response.status_code == 404:
        assert "Deze link werkt niet" in response.content.decode()
    assert share_session.SESSION_KEY not in client.session
    assert before == (
        AccessLogEntry.objects.count(),
        Share.objects.filter(last_viewed_at__isnull=False).count(),
    )


def test_a_token_of_another_kind_opens_no_share(org):
    """A questionnaire's or the portal's token is not a share's (foreign tokens)."""
    from krachtbron.portal.actions import make_one_time_link

    make_plan(org)
    _link_row, portal_token = make_one_time_link(org.adviser, org.member)
    assert Client().get(_link(portal_token)).status_code == 404
    assert Client().get(_link(new_token())).status_code == 404


def test_only_the_token_hash_is_stored(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    assert token not in share.token_hash and len(share.token_hash) == 64
    assert share_session.find_share(token) == share


# --- Consent per member (12, 16, 18) ------------------------------------------------------------


def _youth(org, years: int, days: int = 0):
    born = _years_ago(years, days)
    return MemberFactory(
        family=org.family,
        first_name=f"Jong{years}",
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
    )


def test_a_young_persons_goal_stays_out_until_they_say_yes(org):
    planned = make_plan(org, youth=org.youth)  # Sem, 15: his goal and agreement in the plan
    share, token = share_all(org.member, planned.aunt)
    consents = {c.member_id: c.decision for c in ShareConsent.objects.filter(share=share)}
    assert consents == {org.member.pk: ConsentDecision.GIVEN, org.youth.pk: ConsentDecision.PENDING}
    aunt = Client()
    text = open_share(aunt, token).content.decode()
    assert "Zelf naar school fietsen" not in text and "Sem fietst met een vriend" not in text
    assert "Als ik ziek ben" in text  # the rest is there
    decide(org.youth, share, yes=False)
    assert "Zelf naar school fietsen" not in aunt.get(SHARED).content.decode()
    decide(org.youth, share, yes=True)
    text = aunt.get(SHARED).content.decode()
    assert "Zelf naar school fietsen" in text and "Sem fietst met een vriend" in text
    decide(org.youth, share, yes=False)  # changed his mind
    assert "Zelf naar school fietsen" not in aunt.get(SHARED).content.decode()


@pytest.mark.parametrize(
    ("years", "days", "asked"),
    [(11, 0, False), (12, 0, True), (12, -1, False), (16, 0, True), (18, 0, True)],
)
def test_consent_is_asked_from_the_twelfth_birthday(org, years, days, asked):
    """``days=-1``: the birthday is tomorrow (still 11)."""
    young = _youth(org, years, days)
    goal = GoalFactory(family=org.family, member=young, text="Eigen doel")
    planned = make_plan(org)
    from krachtbron.networkplan import plan_actions

    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    # Only someone who may see the goal can share it: a parent up to 15, the young person from 16.
    sharer = org.member if years < 16 else young
    if years >= 16:
        assert goal.pk not in {
            g.pk for g in build_network_plan(org.family, rights_of(org.member)).goals
        }
    share, token = share_all(sharer, planned.aunt)
    assert ShareConsent.objects.filter(share=share, member=young).exists() == asked
    text = open_share(Client(), token).content.decode()
    # Asked and not yet given: out. Under 12: a parent with gezag decides, it is in.
    assert ("Eigen doel" in text) == (not asked or sharer == young)


def test_a_parent_cannot_share_what_a_sixteen_year_old_keeps_for_themselves(org):
    young = _youth(org, 16)
    goal = GoalFactory(family=org.family, member=young, text="Eigen doel van zestien")
    planned = make_plan(org)
    from krachtbron.networkplan import plan_actions

    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    view = build_network_plan(org.family, rights_of(org.member))
    with pytest.raises(sharing.NotShareable):
        sharing.create_share(
            org.member, view, planned.aunt, calls=[], agreements=[], goals=[goal.pk]
        )
    member = sign_in_member(Client(), org.member)
    response = member.post(
        reverse("portal:share_new"),
        {"person": planned.aunt.pk, "goals": [goal.pk], "form_key": "k" * 24},
    )
    # Lina's own goal is not Fatima's to see: a refused look (404, a DENIED row), as any id
    # of a part the member may not see (portal.permissions.refuse_posted).
    assert response.status_code == 404 and not Share.objects.exists()


def test_a_young_person_who_turns_twelve_is_asked_then(org):
    young = _youth(org, 11)
    goal = GoalFactory(family=org.family, member=young, text="Eigen doel")
    planned = make_plan(org)
    from krachtbron.networkplan import plan_actions

    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    share, _token = share_all(org.member, planned.aunt)
    assert not ShareConsent.objects.filter(share=share, member=young).exists()
    birthday = timezone.localdate() + timedelta(days=366)
    later = sharing.shared_view(sharing.load_share(share.pk), today=birthday)
    assert goal.pk not in {g.pk for g in later.parts.goals}


# --- The family's shares in the portal ----------------------------------------------------------


def test_the_family_sees_and_withdraws_its_shares_in_the_portal(org):
    planned = make_plan(org)
    member = sign_in_member(Client(), org.member)
    page = member.get(reverse("portal:share_new"))
    key = page.content.decode().split('name="form_key" value="')[1].split('"')[0]
    made = member.post(
        reverse("portal:share_new"),
        {
            "person": planned.aunt.pk,
            "calls": [planned.call.pk],
            "goals": [org.goal.pk],
            "form_key": key,
        },
    )
    assert made.status_code == 200
    html = made.content.decode()
    assert "/gedeeld/l/" in html and "<svg" in html  # the link and its QR code, once
    share = Share.objects.get()
    assert not share.agreements.exists() and share.calls.get() == planned.call
    assert share.expires_at.date() == (timezone.now() + timedelta(days=90)).date()
    token = html.split("/gedeeld/l/")[1].split('"')[0]
    printed = member.post(reverse("portal:share_print", args=[share.pk]), {"token": token})
    assert printed.status_code == 200 and "Tante Noor" in printed.content.decode()
    pdf = member.post(reverse("portal:share_pdf", args=[share.pk]), {"token": token})
    assert pdf["Content-Type"] == "application/pdf"
    wrong = member.post(reverse("portal:share_print", args=[share.pk]), {"token": new_token()})
    assert wrong.status_code == 302
    listed = member.get(reverse("portal:network_plan")).content.decode()
    assert "Met <bdi>Tante Noor</bdi>" in listed and "Nog niet bekeken" in listed
    assert token not in listed  # the link is shown once, never in the list
    open_share(Client(), token)
    assert "Bekeken op" in member.get(reverse("portal:network_plan")).content.decode()
    youth = sign_in_member(Client(), org.youth)  # may see everything in it: may withdraw it
    assert youth.post(reverse("portal:share_withdraw", args=[share.pk])).status_code == 302
    share.refresh_from_db()
    assert share.withdrawn_by == org.youth
    assert "Gestopt" in member.get(reverse("portal:network_plan")).content.decode()


def test_a_member_of_another_family_cannot_withdraw_or_see_a_share(org):
    planned = make_plan(org)
    share, _token = share_all(org.member, planned.aunt)
    other = sign_in_member(Client(), org.other_member)
    for name in ("portal:share_withdraw", "portal:share_consent", "portal:share_print"):
        assert other.post(reverse(name, args=[share.pk])).status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_at is None
    assert "Tante Noor" not in other.get(reverse("portal:network_plan")).content.decode()
    assert (
        AccessLogEntry.objects.filter(
            family_id=org.family.pk, result=AccessResult.DENIED, actor_member_id=org.other_member.pk
        ).count()
        == 3
    )


def test_a_sibling_who_may_not_see_a_share_does_not_get_it(org):
    """A share holding a 16-year-old's own goal: the other young person may not see it."""
    sixteen = _youth(org, 16)
    goal = GoalFactory(family=org.family, member=sixteen, text="Eigen doel")
    planned = make_plan(org)
    from krachtbron.networkplan import plan_actions

    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    share, _token = share_all(sixteen, planned.aunt)
    assert [r.share for r in share_rows.visible_shares(sixteen, rights_of(sixteen))] == [share]
    assert share_rows.visible_shares(org.youth, rights_of(org.youth)) == []
    assert share_rows.visible_shares(org.member, rights_of(org.member)) == []
    youth = sign_in_member(Client(), org.youth)
    assert youth.post(reverse("portal:share_withdraw", args=[share.pk])).status_code == 404


def test_the_adviser_sees_that_shares_exist_not_their_links(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    sharing.withdraw_share(org.member, share)
    share_all(org.member, planned.neighbour)
    page = login(Client(), org.adviser).get(reverse("networkplan:plan", args=[org.family.pk]))
    html = page.content.decode()
    assert "Tante Noor" in html and "Buurman Kees" in html and "Gestopt" in html
    assert token not in html and "/gedeeld/l/" not in html


def test_the_network_persons_page_takes_a_fixed_number_of_queries(org):
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.models import Agreement
    from krachtbron.testing.queries import assert_constant_queries

    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    aunt = Client()
    open_share(aunt, token)

    def grow():
        for n in range(4):
            call = plan_actions.add_call(org.adviser, org.family, planned.neighbour, f"Hulp {n}")
            goal = GoalFactory(family=org.family, member=org.youth, text=f"Doel {n}")
            agreement = Agreement.objects.create(
                family=org.family, goal=goal, text=f"Afspraak {n}", performer_member=org.youth
            )
            plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
            share.calls.add(call)
            share.goals.add(goal)
            share.agreements.add(agreement)

    assert_constant_queries(aunt, SHARED, grow=grow)


def test_the_young_person_sees_the_request_and_says_yes_in_the_portal(org):
    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    youth = sign_in_member(Client(), org.youth)
    page = youth.get(reverse("portal:network_plan")).content.decode()
    assert "Mag dit?" in page and "Je hebt nog niets gezegd." in page
    parent_page = sign_in_member(Client(), org.member).get(reverse("portal:network_plan"))
    assert "Je hebt nog niets gezegd." not in parent_page.content.decode()  # she shared it
    assert "Een deel blijft weg" in parent_page.content.decode()  # not everyone said yes yet
    bad = youth.post(reverse("portal:share_consent", args=[share.pk]), {"toestemming": "misschien"})
    assert bad.status_code == 302
    assert (
        ShareConsent.objects.get(share=share, member=org.youth).decision == ConsentDecision.PENDING
    )
    answer(youth, share, "ja")
    assert ShareConsent.objects.get(share=share, member=org.youth).decision == ConsentDecision.GIVEN
    assert "Zelf naar school fietsen" in open_share(Client(), token).content.decode()
    assert AccessLogEntry.objects.filter(
        actor_member_id=org.youth.pk, object_type="shareconsent"
    ).exists()


def test_what_a_member_typed_in_the_call_form_comes_back_after_the_session_ran_out(org):
    from krachtbron.networkplan.models import PlanCall
    from krachtbron.portal import session
    from krachtbron.testing.portal import one_time_link

    planned = make_plan(org)
    member = sign_in_member(Client(), org.member)
    path = reverse("portal:network_plan_call")
    html = member.get(path).content.decode()
    key = html.split('name="form_key" value="')[1].split('"')[0]
    stored = member.session
    stored[session.SEEN_AT] = (timezone.now() - timedelta(minutes=16)).isoformat()
    stored.save()
    typed = "Als de kinderen opgehaald moeten worden"
    late = member.post(path, {"person": planned.aunt.pk, "call_for": typed, "form_key": key})
    assert late.status_code == 302 and late["Location"] == reverse("portal:sign_in")
    link = one_time_link(org.member)
    member.get(link)
    assert member.post(link)["Location"] == path
    assert typed in member.get(path).content.decode()
    assert PlanCall.objects.count() == 1  # nothing saved until the member presses the button


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(token=st.text(max_size=80))
def test_any_token_is_a_friendly_page_never_an_error(org, token):
    from urllib.parse import quote

    response = Client().get("/gedeeld/l/" + quote(token, safe=""))
    assert response.status_code in (400, 404, 414), (token, response.status_code)


def test_the_network_persons_page_is_in_the_language_of_who_shared_it(org):
    from krachtbron.portal import actions

    planned = make_plan(org)
    actions.invite_member(org.adviser, org.member, "en")  # Fatima reads English
    member = sign_in_member(Client(), org.member)
    page = member.get(reverse("portal:share_new"))
    key = page.content.decode().split('name="form_key" value="')[1].split('"')[0]
    made = member.post(
        reverse("portal:share_new"),
        {"person": planned.aunt.pk, "calls": [planned.call.pk], "form_key": key},
    )
    assert "The link for" in made.content.decode()
    token = made.content.decode().split("/gedeeld/l/")[1].split('"')[0]
    assert Share.objects.get().language == "en"
    shown = open_share(Client(), token)
    assert "Our network plan" in shown.content.decode() and shown["Content-Language"] == "en"
    assert "Who do you call for what?" in shown.content.decode()
    # Also the words made while the view is built (the urgent numbers), not only the template's.
    assert "In acute danger" in shown.content.decode()
    assert "Bij direct gevaar" not in shown.content.decode()
