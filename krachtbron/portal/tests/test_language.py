"""A member's own language in Mijn Krachtbron (portal/language.py) and 'Ons plan' as PDF for the
family (portal/plan_download.py): stored per member, set by the adviser's invitation, changed in
Ons dossier; every portal page, the link pages, the printed invitation and the plan PDF follow
it; a staff user's language in the same browser is left alone."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.families import actions as family_actions
from krachtbron.families.models import RightsDecision, StoredPdf
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal import actions
from krachtbron.portal.language import invitation_defaults, language_of
from krachtbron.portal.models import MemberLanguage, MemberLink
from krachtbron.strengths.tests.factories import GoalScalingFactory, StrengthEntryFactory
from krachtbron.testing.factories import GoalFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

CHOOSE = reverse("portal:language")
PLAN_PDF = reverse("portal:plan_pdf")


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def _lang(response) -> str:
    found = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert found, "the page has <html lang>"
    return found.group(1)


def _language_rows(member):
    return AccessLogEntry.objects.filter(
        actor_kind=ActorKind.FAMILY_MEMBER,
        actor_member_id=member.pk,
        object_type="portal_language",
    )


# --- The member chooses ------------------------------------------------------------------------


def test_a_member_who_chooses_english_gets_english_pages_and_the_choice_is_logged(org):
    client = sign_in_member(Client(), org.member)
    dutch = client.get(reverse("portal:home"))
    assert _lang(dutch) == "nl" and "Jullie doelen" in dutch.content.decode()

    answer = client.post(CHOOSE, {"language": "en"})

    assert answer.status_code == 302 and answer["Location"].endswith("#taal")
    assert language_of(org.member) == "en"
    for name in ("portal:home", "portal:questionnaires", "portal:dossier"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert _lang(page) == "en" and page["Content-Language"] == "en", name
    home = client.get(reverse("portal:home")).content.decode()
    assert "Jullie doelen" not in home and "Download our plan (PDF)" in home
    row = _language_rows(org.member).get()
    assert row.kind == AccessKind.CHANGE and row.extra == {"language": "en"}
    assert row.family_id == org.family.pk
    # Choosing the same language again changes nothing and logs nothing.
    client.post(CHOOSE, {"language": "en"})
    assert _language_rows(org.member).count() == 1


def test_the_choice_holds_on_every_phone_and_after_signing_in_again(org):
    first = sign_in_member(Client(), org.member)
    other_phone = sign_in_member(Client(), org.member)
    first.post(CHOOSE, {"language": "en"})
    # The other phone's session started in Dutch; its next page follows the stored choice.
    assert _lang(other_phone.get(reverse("portal:home"))) == "en"
    again = sign_in_member(Client(), org.member)
    assert _lang(again.get(reverse("portal:dossier"))) == "en"


def test_an_invalid_language_is_refused_in_dutch_and_nothing_changes(org):
    client = sign_in_member(Client(), org.member)
    rows = AccessLogEntry.objects.filter(object_type="portal_language").count()
    for bad in ("xx", "", "en-gb", "EN"):
        answer = client.post(CHOOSE, {"language": bad})
        assert answer.status_code == 400
        assert "Kies een taal uit de lijst." in answer.content.decode()
    assert not MemberLanguage.objects.exists()
    assert AccessLogEntry.objects.filter(object_type="portal_language").count() == rows
    assert _lang(client.get(reverse("portal:home"))) == "nl"


def test_the_language_page_is_only_for_a_signed_in_member(org):
    answer = Client().post(CHOOSE, {"language": "en"})
    assert answer.status_code == 302 and answer["Location"] == reverse("portal:sign_in")
    staff = login(Client(), org.adviser)
    assert staff.post(CHOOSE, {"language": "en"})["Location"] == reverse("portal:sign_in")
    assert not MemberLanguage.objects.exists()


# --- Staff and member in one browser -----------------------------------------------------------


def test_a_staff_users_language_and_a_members_do_not_change_each_other(org):
    client = login(Client(), org.adviser)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert _lang(client.get(reverse("families:caseload"))) == "en"
    cookie = client.cookies["django_language"].value

    # A Dutch member signs in in the same browser: the portal is Dutch, the cookie untouched.
    sign_in_member(client, org.member)
    assert _lang(client.get(reverse("portal:home"))) == "nl"
    client.post(CHOOSE, {"language": "en"})
    client.post(CHOOSE, {"language": "nl"})
    assert _lang(client.get(reverse("portal:dossier"))) == "nl"
    assert client.cookies["django_language"].value == cookie == "en"

    # The staff user signs in again: their own choice, English.
    login(client, org.adviser)
    assert _lang(client.get(reverse("families:caseload"))) == "en"


def test_a_staff_page_in_a_browser_holding_a_members_session_keeps_the_staff_language(org):
    MemberLanguage.objects.create(member=org.member, language="en")
    client = sign_in_member(Client(), org.member)
    assert _lang(client.get(reverse("portal:home"))) == "en"
    # The staff sign-in page is not a family page: the member's language is not used there.
    assert _lang(client.get(reverse("accounts:login"))) == "nl"


def test_the_sign_in_page_after_signing_out_is_in_the_members_language(org):
    MemberLanguage.objects.create(member=org.member, language="en")
    client = sign_in_member(Client(), org.member)
    client.post(reverse("portal:sign_out"))
    page = client.get(reverse("portal:sign_in"))
    assert _lang(page) == "en"


# --- The adviser's invitation ------------------------------------------------------------------


def _invite(client, member, **data):
    return client.post(reverse("portal:invite", args=[member.pk]), data)


def test_the_adviser_sets_the_language_when_inviting(org):
    adviser = login(Client(), org.adviser)
    answer = _invite(adviser, org.member, language="en")
    assert answer.status_code == 200
    assert language_of(org.member) == "en"
    row = AccessLogEntry.objects.filter(object_type="memberlink", kind=AccessKind.CREATE).last()
    assert row is not None and row.extra["language"] == "en"
    # The adviser's own pages stay in the adviser's language.
    assert _lang(answer) == "nl"


def test_an_invalid_language_in_the_invitation_is_refused_in_dutch_and_nothing_is_made(org):
    adviser = login(Client(), org.adviser)
    answer = _invite(adviser, org.member, language="klingon", form_key="k" * 24)
    assert answer.status_code == 400
    assert "Kies een taal uit de lijst." in answer.content.decode()
    assert not MemberLink.objects.exists() and not MemberLanguage.objects.exists()
    # The tab it showed again is a look at the file, logged; and the key may be used again.
    assert AccessLogEntry.objects.filter(object_type="portal_access").count() == 1
    again = _invite(adviser, org.member, language="en", form_key="k" * 24)
    assert again.status_code == 200 and language_of(org.member) == "en"


def test_the_invitation_proposes_the_latest_questionnaire_language_else_dutch(org):
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    assert invitation_defaults([org.member, org.youth]) == {org.member.pk: "nl", org.youth.pk: "nl"}
    InvitationFactory(member=org.youth, created_by=org.adviser, language="nl")
    InvitationFactory(member=org.youth, created_by=org.adviser, language="en")
    assert invitation_defaults([org.member, org.youth])[org.youth.pk] == "en"
    page = login(Client(), org.adviser).get(reverse("portal:family", args=[org.family.pk]))
    html = page.content.decode()
    select = html[html.index(f'id="language-{org.youth.pk}"') :]
    select = select[: select.index("</select>")]
    assert re.search(r'value="en"[^>]*selected', select)
    # A stored choice wins over the questionnaire's.
    MemberLanguage.objects.create(member=org.youth, language="nl")
    assert invitation_defaults([org.youth])[org.youth.pk] == "nl"


def test_the_link_pages_and_the_printed_invitation_follow_the_members_language(org):
    link, token = actions.invite_member(org.adviser, org.member, "en")
    path = reverse("portal:open", args=[token])
    opened = Client()
    button = opened.get(path)
    assert _lang(button) == "en" and button["Content-Language"] == "en"
    opened.post(path)
    assert _lang(opened.get(reverse("portal:welcome"))) == "en"

    adviser = login(Client(), org.adviser)
    printed = adviser.post(reverse("portal:print", args=[link.pk]), {"token": token})
    assert _lang(printed) == "en" and "Beste" not in printed.content.decode()
    pdf = adviser.post(reverse("portal:pdf", args=[link.pk]), {"token": token})
    text = _pdf_text(pdf.content)
    assert "My Krachtbron" in text and "Beste" not in text and "Dear" in text

    # A used, expired or withdrawn link says so in the member's language.
    _used_link, once = actions.make_one_time_link(org.adviser, org.member)
    Client().post(reverse("portal:open", args=[once]))
    used = Client().get(reverse("portal:open", args=[once]))
    assert used.status_code == 410 and _lang(used) == "en"
    _link, late = actions.make_one_time_link(org.adviser, org.member)
    MemberLink.objects.filter(pk=_link.pk).update(expires_at=timezone.now() - timedelta(1))
    expired = Client().get(reverse("portal:open", args=[late]))
    assert expired.status_code == 410 and _lang(expired) == "en"


def test_a_link_of_a_dutch_member_stays_dutch_whatever_the_cookie_says(org):
    _link, token = actions.make_one_time_link(org.adviser, org.member)
    client = Client()
    client.cookies["django_language"] = "en"
    assert _lang(client.get(reverse("portal:open", args=[token]))) == "nl"


# --- 'Ons plan' as PDF -------------------------------------------------------------------------


def _private_marks(org):
    """An ex-partner marked "belastend" by the adviser, the adviser's own score, a goal for
    professionals only; and the member's own score and a supportive neighbour."""
    from krachtbron.families.choices import Visibility
    from krachtbron.network.choices import Quality
    from krachtbron.strengths.tests.factories import ScalingFactory

    NetworkPersonFactory(family=org.family, label="Ex-partner Karim", quality=Quality.BURDENING)
    NetworkPersonFactory(
        family=org.family,
        label="Buurvrouw Els",
        quality=Quality.SUPPORTIVE,
        marks_visibility=Visibility.FAMILY,
    )
    ScalingFactory(member=org.member, score=7)
    ScalingFactory(member=org.member, score=2, by_adviser=True)
    GoalFactory(family=org.family, text="Alleen voor ons", visibility=Visibility.PROFESSIONALS)


def test_the_plan_pdf_holds_what_the_member_may_see_and_is_logged_with_the_member(org):
    _private_marks(org)
    StrengthEntryFactory(member=org.member, goes_well="Kookt voor iedereen")
    client = sign_in_member(Client(), org.member)

    answer = client.get(PLAN_PDF)

    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'attachment; filename="ons-krachtenplan.pdf"'
    text = _pdf_text(answer.content)
    assert "Kookt voor iedereen" in text and org.goal.text in text
    assert "Ex-partner Karim" in text and "Buurvrouw Els" in text
    squashed = text.replace(" ", "")
    table = squashed[squashed.index("Iedereenopdekaart") :]
    assert table.count("Belastend") == 1  # only the map's legend explains the line
    assert "Cijferadviseur" not in squashed and "Alleen voor ons" not in text
    row = AccessLogEntry.objects.get(object_type="krachtenplan")
    assert row.kind == AccessKind.PRINT and row.extra == {"format": "pdf"}
    assert row.actor_kind == ActorKind.FAMILY_MEMBER and row.actor_member_id == org.member.pk


def test_the_plan_pdf_is_in_the_members_language(org):
    MemberLanguage.objects.create(member=org.member, language="en")
    client = sign_in_member(Client(), org.member)
    text = _pdf_text(client.get(PLAN_PDF).content)
    assert "Our strength plan" in text or "OUR STRENGTH PLAN" in text
    assert "Ons krachtenplan" not in text and "ONS KRACHTENPLAN" not in text
    assert org.goal.text in text  # the family's own words stay as they are


def test_a_parent_whose_right_to_information_is_limited_gets_a_plan_without_those_parts(org):
    GoalFactory(family=org.family, member=org.youth, text="Sem wil een bijbaan")
    before = _pdf_text(sign_in_member(Client(), org.member).get(PLAN_PDF).content)
    assert "Sem wil een bijbaan" in before
    family_actions.record_rights_decision(
        org.adviser, org.youth, org.member, kind=RightsDecision.Kind.LIMIT, reason="Sems belang"
    )
    parent = _pdf_text(sign_in_member(Client(), org.member).get(PLAN_PDF).content)
    youth = _pdf_text(sign_in_member(Client(), org.youth).get(PLAN_PDF).content)
    assert "Sem wil een bijbaan" not in parent and org.goal.text in parent
    assert "Sem wil een bijbaan" in youth


def test_the_plan_pdf_is_only_for_a_signed_in_member_and_logs_nothing_else(org):
    assert Client().get(PLAN_PDF)["Location"] == reverse("portal:sign_in")
    assert login(Client(), org.adviser).get(PLAN_PDF)["Location"] == reverse("portal:sign_in")
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()


def test_the_plan_pdf_runs_as_many_queries_for_60_goals_and_persons_as_for_3(org):
    client = sign_in_member(Client(), org.member)
    for n in range(2):
        GoalFactory(family=org.family, text=f"Doel {n}")
        NetworkPersonFactory(family=org.family, label=f"Persoon {n}")

    def grow():
        for n in range(57):
            goal = GoalFactory(
                family=org.family, member=org.member if n % 2 else None, text=f"Groot doel {n}"
            )
            GoalScalingFactory(goal=goal)
            NetworkPersonFactory(family=org.family, label=f"Mens {n}")
        StrengthEntryFactory(member=org.member)

    def render():  # the render's queries: a stored PDF would answer with fewer
        StoredPdf.objects.all().delete()
        assert client.get(PLAN_PDF).status_code == 200

    assert_constant_queries(render, grow=grow)


def test_ons_plan_links_to_the_pdf(org):
    page = sign_in_member(Client(), org.member).get(reverse("portal:home")).content.decode()
    assert f'href="{PLAN_PDF}"' in page and "Download ons plan (PDF)" in page
