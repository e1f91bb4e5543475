"""Ons netwerkplan: the plan for a reader (rights by age, never a professionals-only mark), its
edits by the family and the adviser (logged), phone numbers, the PDF (tagged, in the member's
language, B1) and a fixed number of queries."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.families.models import StoredPdf
from krachtbron.families.rights import rights_of
from krachtbron.lib.readability import text_blocks, text_stats
from krachtbron.networkplan import plan_actions
from krachtbron.networkplan.models import Agreement, NetworkPlan, PlanCall
from krachtbron.networkplan.plan import build_network_plan, display_phone, normalise_phone
from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.pdf import structure_roles
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _pdf(content: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content))


def _pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in _pdf(content).pages).split())


# --- Phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("06-12345678", "+31612345678", "06 12345678"),
        ("06 1234 5678", "+31612345678", "06 12345678"),
        ("020 555 0100", "+31205550100", "020 555 0100"),
        ("+31 6 12345678", "+31612345678", "06 12345678"),
        ("0032 470 12 34 56", "+32470123456", "+32 470 12 34 56"),
        ("+212 612-345678", "+212612345678", "+212 6 12 34 56 78"),
        ("", "", ""),
    ],
)
def test_dutch_and_international_numbers_are_stored_in_one_form(typed, stored, shown):
    assert normalise_phone(typed) == stored
    assert display_phone(stored) == shown


@pytest.mark.parametrize("typed", ["12", "06-123", "bel me", "+99 123", "0" * 40, "06\x0012345678"])
def test_what_is_no_phone_number_gets_a_dutch_message(typed):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        normalise_phone(typed)
    assert "geen telefoonnummer" in str(error.value)


@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_clear_message(typed):
    try:
        stored = normalise_phone(typed)
    except ValidationError:
        return
    assert stored == "" or re.fullmatch(r"\+[0-9]{6,16}", stored)
    assert normalise_phone(display_phone(stored)) == stored  # what is shown reads back the same


# --- The plan for a reader ----------------------------------------------------------------------


def _sixteen(org):
    today = timezone.localdate()
    born = today.replace(year=today.year - 16)
    return MemberFactory(
        family=org.family,
        first_name="Lina",
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
    )


@pytest.mark.django_db
def test_a_parent_sees_the_goals_the_rules_let_them_see(org):
    sixteen = _sixteen(org)
    own = GoalFactory(family=org.family, member=sixteen, text="Lina haar eigen doel")
    sem = GoalFactory(family=org.family, member=org.youth, text="Sem zijn doel")
    hidden = GoalFactory(
        family=org.family, text="Voor professionals", visibility=Visibility.PROFESSIONALS
    )
    make_plan(org)
    parent = {g.pk for g in build_network_plan(org.family, rights_of(org.member)).goals}
    assert sem.pk in parent and own.pk not in parent and hidden.pk not in parent
    lina = {g.pk for g in build_network_plan(org.family, rights_of(sixteen)).goals}
    assert own.pk in lina and sem.pk not in lina
    adviser = {g.pk for g in build_network_plan(org.family).goals}
    assert {own.pk, sem.pk} <= adviser and hidden.pk not in adviser


@pytest.mark.django_db
def test_choosing_goals_keeps_the_ones_the_member_may_not_see(org):
    sixteen = _sixteen(org)
    own = GoalFactory(family=org.family, member=sixteen, text="Lina haar eigen doel")
    plan_actions.choose_goals(org.adviser, org.family, [own.pk, org.goal.pk], [own.pk, org.goal.pk])
    member = sign_in_member(Client(), org.member)
    response = member.post(reverse("portal:network_plan_goals"), {"goals": []})
    assert response.status_code == 302
    chosen = set(
        NetworkPlan.objects.get(family=org.family).shared_goals.values_list("pk", flat=True)
    )
    assert chosen == {own.pk}  # Fatima took out the family's goal, not Lina's she cannot see
    # Lina's own goal is not Fatima's to see: posting its id is a refused look (404).
    refused = member.post(reverse("portal:network_plan_goals"), {"goals": [own.pk]})
    assert refused.status_code == 404
    assert set(
        NetworkPlan.objects.get(family=org.family).shared_goals.values_list("pk", flat=True)
    ) == {own.pk}


@pytest.mark.django_db
def test_the_family_makes_the_plan_and_every_step_is_logged_with_the_member(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory

    aunt = NetworkPersonFactory(family=org.family, label="Tante Noor")
    member = sign_in_member(Client(), org.member)
    page = member.get(reverse("portal:network_plan_call"))
    key = page.content.decode().split('name="form_key" value="')[1].split('"')[0]
    bad = member.post(
        reverse("portal:network_plan_call"),
        {"person": aunt.pk, "call_for": "Als ik ziek ben", "phone": "bel me", "form_key": key},
    )
    assert bad.status_code == 400 and "Als ik ziek ben" in bad.content.decode()
    assert "geen telefoonnummer" in bad.content.decode() and not PlanCall.objects.exists()
    made = member.post(
        reverse("portal:network_plan_call"),
        {"person": aunt.pk, "call_for": "Als ik ziek ben", "phone": "06-12345678", "form_key": key},
    )
    assert made.status_code == 302
    call = PlanCall.objects.get()
    assert call.phone == "+31612345678"
    member.post(reverse("portal:network_plan_goals"), {"goals": [org.goal.pk]})
    member.post(reverse("portal:network_plan_ready"))
    plan = NetworkPlan.objects.get(family=org.family)
    assert plan.ready_at is not None and list(plan.shared_goals.all()) == [org.goal]
    html = member.get(reverse("portal:network_plan")).content.decode()
    assert 'href="tel:+31612345678"' in html and "06 12345678" in html
    member.post(reverse("portal:network_plan_call_remove", args=[call.pk]))
    assert not PlanCall.objects.exists()
    rows = AccessLogEntry.objects.filter(
        family_id=org.family.pk, actor_kind=ActorKind.FAMILY_MEMBER, actor_member_id=org.member.pk
    )
    kinds = set(rows.values_list("kind", flat=True))
    assert {AccessKind.CREATE, AccessKind.CHANGE, AccessKind.DELETE, AccessKind.READ} <= kinds


@pytest.mark.django_db
def test_the_adviser_sees_the_plan_and_makes_the_same_edits_logged(org):
    planned = make_plan(org)
    adviser = login(Client(), org.adviser)
    tab = adviser.get(reverse("networkplan:plan", args=[org.family.pk]))
    html = tab.content.decode()
    assert tab.status_code == 200 and "Tante Noor" in html and "Als ik ziek ben" in html
    assert "GEHEIM-notitie" not in html  # the plan is the family's document: no marks
    page = adviser.get(reverse("networkplan:plan", args=[org.family.pk]))
    key = page.content.decode().split('name="form_key" value="')[1].split('"')[0]
    response = adviser.post(
        reverse("networkplan:call_add", args=[org.family.pk]),
        {"person": planned.neighbour.pk, "call_for": "Boodschappen", "phone": "", "form_key": key},
    )
    assert response.status_code == 302 and PlanCall.objects.count() == 2
    adviser.post(reverse("networkplan:call_remove", args=[planned.call.pk]))
    assert list(PlanCall.objects.values_list("call_for", flat=True)) == ["Boodschappen"]
    assert AccessLogEntry.objects.filter(
        family_id=org.family.pk, actor_id=org.adviser.pk, kind=AccessKind.DELETE
    ).exists()
    colleague = login(Client(), org.colleague)
    assert colleague.get(reverse("networkplan:plan", args=[org.family.pk])).status_code == 404


@pytest.mark.django_db
def test_stopped_agreements_and_other_members_own_people_stay_out(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan.choices import AgreementStatus

    planned = make_plan(org)
    sixteen = _sixteen(org)
    friend = NetworkPersonFactory(family=org.family, member=sixteen, label="Vriendin Yara")
    plan_actions.add_call(org.adviser, org.family, friend, "Als Lina wil praten")
    Agreement.objects.create(
        family=org.family, goal=org.goal, text="Yara komt langs", performer_person=friend
    )
    Agreement.objects.filter(pk=planned.agreement.pk).update(status=AgreementStatus.STOPPED)
    view = build_network_plan(org.family, rights_of(org.member))
    assert [c.who for c in view.calls] == ["Tante Noor"]
    assert view.agreements == ()
    lina = build_network_plan(org.family, rights_of(sixteen))
    assert {c.who for c in lina.calls} == {"Tante Noor", "Vriendin Yara"}


# --- The PDF ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "sentence"),
    [
        ("nl", "Ons netwerkplan", "Wie bel je waarvoor?"),
        ("en", "Our network plan", "Who do you call for what?"),
    ],
)
def test_the_pdf_is_tagged_and_in_the_members_language(org, language, heading, sentence):
    from krachtbron.portal import actions

    make_plan(org)
    actions.invite_member(org.adviser, org.member, language)
    member = sign_in_member(Client(), org.member)
    response = member.get(reverse("portal:network_plan_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert heading in text and sentence in text and "Tante Noor" in text and "06 12345678" in text
    assert "112" in text and "0800-2000" in text
    for mark in ("GEHEIM-notitie", "overbelast"):
        assert mark not in text
    reader = _pdf(response.content)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language and root["/MarkInfo"]["/Marked"]
    roles = structure_roles(root["/StructTreeRoot"])
    assert {"H1", "H2"} <= roles, roles
    assert "Table" in roles and {"TH", "TD"} <= roles, roles
    assert {"L", "LI"} <= roles, roles
    assert AccessLogEntry.objects.filter(
        actor_member_id=org.member.pk, kind=AccessKind.PRINT, object_type="network_plan"
    ).exists()


@pytest.mark.django_db
def test_the_pdf_download_takes_a_fixed_number_of_queries(org):
    from krachtbron.testing.queries import assert_constant_queries

    planned = make_plan(org, youth=org.youth)
    member = sign_in_member(Client(), org.member)
    adviser = login(Client(), org.adviser)

    def grow():
        for n in range(4):
            plan_actions.add_call(
                org.adviser, org.family, planned.neighbour, f"Hulp {n}", "0201234567"
            )
            goal = GoalFactory(family=org.family, member=org.youth, text=f"Doel {n}")
            Agreement.objects.create(
                family=org.family, goal=goal, text=f"Afspraak {n}", performer_member=org.youth
            )
            plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])

    def rendered(client, url):  # the render's queries: a stored PDF would answer with fewer
        def work():
            StoredPdf.objects.all().delete()
            return client.get(url)

        return work

    assert_constant_queries(
        {
            "member's pdf": rendered(member, reverse("portal:network_plan_pdf")),
            "adviser's pdf": rendered(
                adviser, reverse("networkplan:plan_pdf", args=[org.family.pk])
            ),
            # Asks for its PDF each time: the work above emptied the store.
            "member's page": lambda: member.get(reverse("portal:network_plan")),
        },
        grow=grow,
    )


# --- Plain language (B1) ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl"])
def test_the_pages_and_the_pdf_read_easily(org, language):
    """Flesch–Douma ≥ 70 on the text the app writes (names and the family's words are in
    <bdi>, left out), over the portal's pages, the network person's pages and the PDF's HTML."""
    from krachtbron.networkplan import sharing
    from krachtbron.networkplan.tests.share_helpers import open_share, share_all

    planned = make_plan(org, youth=org.youth)
    member = sign_in_member(Client(), org.member)
    share, token = share_all(org.member, planned.aunt)
    pages = [
        _main(member.get(reverse(name)))
        for name in ("portal:network_plan", "portal:network_plan_call", "portal:share_new")
    ]
    pages.append(_main(open_share(Client(), token)))
    printed = member.post(reverse("portal:share_print", args=[share.pk]), {"token": token})
    pages.append(_main(printed))
    sharing.withdraw_share(org.member, share)
    pages.append(_main(Client().get(reverse("networkplan:open_share", args=[token]))))
    pages.append(_main(Client().get(reverse("networkplan:open_share", args=["x" * 43]))))
    with translation.override(language):
        view = build_network_plan(org.family, rights_of(org.member))
        pages.append(render_to_string("networkplan/plan_pdf.html", {"view": view}))
    blocks = list(
        dict.fromkeys(
            block
            for page in pages
            for block in text_blocks(page, skip_tags={"bdi", "title"}, skip_classes={"np-made"})
        )
    )
    stats = text_stats(blocks)
    assert stats.words > 200, stats
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)
