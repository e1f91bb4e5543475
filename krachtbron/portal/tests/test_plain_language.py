"""The text Krachtbron writes to family members in Mijn Krachtbron reads easily (B1):
Flesch–Douma ≥ 70 (krachtbron/lib/readability.py), measured over the rendered pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from krachtbron.lib.readability import text_blocks, text_stats
from krachtbron.portal import actions
from krachtbron.portal.models import MemberLink
from krachtbron.testing.personas import login
from krachtbron.testing.portal import invitation_link, one_time_link, sign_in_member


def _main(response) -> str:
    """The page's own text: what <main> holds (the header and footer are the app's frame)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _family_pages(org) -> list[str]:
    pages = []
    visitor = Client()
    pages.append(_main(visitor.get(invitation_link(org.member))))
    pages.append(_main(visitor.get(one_time_link(org.youth))))
    visitor.post(invitation_link(org.member))
    pages.append(_main(visitor.get(reverse("portal:welcome"))))
    pages.append(_main(Client().get(reverse("portal:sign_in"))))
    # The typed code's page (code_views): as it opens, with a code that is not one, with an
    # unknown one.
    pages.append(_main(Client().get(reverse("portal:code"))))
    pages.append(_main(Client().post(reverse("portal:code"), {"code": "ABC"})))
    pages.append(_main(Client().post(reverse("portal:code"), {"code": "A" * 20})))
    member = sign_in_member(Client(), org.member)
    pages.append(_main(member.get(reverse("portal:home"))))
    pages += _plan_pages(org, member)
    pages += _people_pages(org, member)
    pages += _agreement_pages(org, member)
    pages += _copy_pages(org, member)
    member.post(reverse("portal:sign_out"))
    pages.append(_main(member.get(reverse("portal:sign_in"))))
    for problem in ("used", "expired", "withdrawn", "unknown"):
        link, token = actions.make_one_time_link(org.adviser, org.other_member)
        path = reverse("portal:open", args=[token])
        if problem == "used":
            Client().post(path)
        elif problem == "expired":
            MemberLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(1))
        elif problem == "withdrawn":
            actions.withdraw_link(org.adviser, link)
        else:
            path = reverse("portal:open", args=["x" * 43])
        pages.append(_main(Client().get(path)))
    return pages


def _copy_pages(org, member) -> list[str]:
    """The page of the member's copy made in the background, in each of its states
    (families/prepared.py): being made, ready, downloaded, failed, erased."""
    from krachtbron.families.models import PreparedFile
    from krachtbron.testing.prepared import a_file

    status = PreparedFile.Status
    files = [
        a_file(org, org.member),
        a_file(org, org.member, ready=True),
        a_file(org, org.member, status=status.DOWNLOADED),
        a_file(org, org.member, status=status.FAILED),
        a_file(org, org.member, expires_at=timezone.now()),
    ]
    return [_main(member.get(reverse("portal:copy_file", args=[f.pk]))) for f in files]


def _plan_pages(org, member) -> list[str]:
    """Ons plan with something in every part, and its forms (plan_views)."""
    from krachtbron.strengths.tests.factories import (
        FirstQuestionFactory,
        GoalScalingFactory,
        StrengthEntryFactory,
    )

    FirstQuestionFactory(family=org.family, practical_help="Samen een schema maken")
    GoalScalingFactory(goal=org.goal, one_step_higher="Op vrijdag ook")
    StrengthEntryFactory(member=org.member)
    member.post(reverse("portal:goal_talk", args=[org.goal.pk]))
    return [
        _main(member.get(reverse(name, kwargs=kwargs)))
        for name, kwargs in (
            ("portal:home", {}),
            ("portal:goal_add", {}),
            ("portal:goal_score", {"pk": org.goal.pk}),
            ("portal:dimension_score", {"dimension": "competence"}),
        )
    ]


def _people_pages(org, member) -> list[str]:
    """Onze mensen with people in every ring, a proposal pending and one declined, and its
    form (network_views)."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.portal import network_actions

    for closeness in (1, 2, 3):
        NetworkPersonFactory(family=org.family, label="Oma", closeness=closeness)
    person = NetworkPersonFactory(family=org.family, label="Opa", stays_after_help=True)
    network_actions.propose_stays(org.member, person, False)
    for label in ("Els", "Bas"):
        proposal = network_actions.propose_person(
            org.member, label=label, relation="buurt", closeness=2, own_words="Helpt"
        )
    network_actions.decline(org.adviser, proposal, "Staat er al op.")
    return [_main(member.get(reverse(name))) for name in ("portal:people", "portal:people_propose")]


def _agreement_pages(org, member) -> list[str]:
    """Afspraken with an agreement, a carer over the limit (mark shared), a person without an
    aanspreekpunt, a suggestion; its forms with an error (agreement_views)."""
    from krachtbron.families.choices import Visibility
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan.tests.factories import AgreementFactory

    carer = NetworkPersonFactory(
        family=org.family,
        label="Tante",
        may_be_overloaded=True,
        marks_visibility=Visibility.FAMILY,
    )
    for _ in range(3):
        AgreementFactory(family=org.family, goal=org.goal, performer_person=carer)
    NetworkPersonFactory(family=org.family, label="Oom", stays_after_help=True)
    contact = reverse("portal:agreement_contact", args=[carer.pk])
    return [
        _main(member.get(reverse("portal:home"))),
        _main(member.get(reverse("portal:agreements"))),
        _main(member.get(reverse("portal:agreement_add"))),
        _main(member.post(reverse("portal:agreement_add"), {"text": ""})),
        _main(member.get(contact)),
        _main(member.post(contact, {"version": "0"})),
    ]


def _questionnaire_pages(org) -> list[str]:
    """Vragenlijsten with a task and a result, and the result (its items are the instrument's
    text, class "portal-item", not measured here)."""
    from krachtbron.questionnaires.tests.factories import (
        ALL_ITEMS,
        InvitationFactory,
        completed_response,
    )

    InvitationFactory(member=org.youth, created_by=org.adviser)
    answers = {item: n % 5 for n, item in enumerate(ALL_ITEMS)}
    response = completed_response(org.youth, org.adviser, answers)
    youth = sign_in_member(Client(), org.youth)
    youth.post(reverse("portal:correction"), {"text": "Klopt niet.", "form_key": "p" * 24})
    return [
        _main(youth.get(reverse("portal:dossier"))),
        _main(youth.get(reverse("portal:questionnaires"))),
        _main(youth.get(reverse("portal:questionnaire_result", args=[response.pk]))),
    ]


def _printed_invitation(org) -> str:
    adviser = login(Client(), org.adviser)
    link, token = actions.invite_member(org.adviser, org.member)
    response = adviser.post(reverse("portal:print", args=[link.pk]), {"token": token})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_portal_pages_and_the_printed_invitation_read_easily(org):
    with translation.override("nl"):
        pages = [*_family_pages(org), *_questionnaire_pages(org), _printed_invitation(org)]
    blocks = list(
        dict.fromkeys(
            block
            for page in pages
            for block in text_blocks(page, skip_tags={"bdi"}, skip_classes={"link", "portal-item"})
        )
    )
    stats = text_stats(blocks)
    assert stats.words > 250, stats  # every page's explanations are measured
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)


@pytest.mark.django_db
def test_the_agreement_pages_on_their_own_read_easily(org):
    """Afspraken measured alone, so the other pages' easy text does not carry it."""
    with translation.override("nl"):
        member = sign_in_member(Client(), org.member)
        pages = _agreement_pages(org, member)
    blocks = list(
        dict.fromkeys(
            block
            for page in pages
            for block in text_blocks(page, skip_tags={"bdi"}, skip_classes={"link"})
        )
    )
    stats = text_stats(blocks)
    assert stats.words > 120, stats
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)


@pytest.mark.django_db
def test_the_code_page_on_its_own_reads_easily(org):
    """The typed code's page measured alone: as it opens, with each of its messages, and the
    printed letter's lines about the code (they are not on the other pages)."""
    with translation.override("nl"):
        pages = [
            _main(Client().get(reverse("portal:code"))),
            _main(Client().post(reverse("portal:code"), {"code": "ABC"})),
            _main(Client().post(reverse("portal:code"), {"code": "A" * 20})),
        ]
    blocks = list(dict.fromkeys(b for page in pages for b in text_blocks(page)))
    stats = text_stats(blocks)
    assert stats.words > 60, stats
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)
