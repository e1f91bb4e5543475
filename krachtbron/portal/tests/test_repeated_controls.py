"""Repeated buttons say what they are about (WCAG 2.4.6, 2.4.9; a screen reader's list of
buttons shows each one out of its context).

A page of Mijn Krachtbron, or the adviser's side of it, often has the same button once per
goal, answer, task, member, link or request ("Hier wil ik over praten" under every answer).
Each of them must be told apart: by its own words (visually hidden text) or by
``aria-describedby`` pointing at what it is about. The check reads the rendered HTML: buttons
and links with the same name need a different description.
"""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.families.choices import MemberRole
from krachtbron.portal import actions, dossier_actions
from krachtbron.portal.plan_actions import raise_talk_flag
from krachtbron.questionnaires.tests.factories import (
    ALL_ITEMS,
    InvitationFactory,
    completed_response,
)
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Controls(HTMLParser):
    """Buttons and links of a page with their name (text, or aria-label) and description (the
    text of the elements their aria-describedby names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.texts: dict[str, str] = {}
        self.controls: list[tuple[str, str, str]] = []  # (tag, name, describedby ids)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, attrs, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            if self.open:
                self.open[-1][2].append("".join(parts))
            if attrs.get("id"):
                self.texts[str(attrs["id"])] = text
            if name in {"button", "a"}:
                label = attrs.get("aria-label") or text
                self.controls.append((name, label, attrs.get("aria-describedby") or ""))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def _undistinguished(html: str, tags: frozenset[str] = frozenset({"a", "button"})) -> list[str]:
    """Names of buttons and links (``tags``) that occur more than once with the same
    description."""
    parser = _Controls()
    parser.feed(html)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for tag, name, described in parser.controls:
        if tag not in tags:
            continue
        description = " ".join(parser.texts.get(i, "") for i in described.split())
        seen[(name, description)] += 1
    return sorted(f"{name!r} ×{n}" for (name, _d), n in seen.items() if n > 1)


@pytest.fixture
def busy_family(org):
    """Fatima's family with two goals, two open questionnaires, a sent one, two members who
    may have Mijn Krachtbron, their links and two requests "dit klopt niet"."""
    GoalFactory(family=org.family, text="Samen eten op vrijdag")
    InvitationFactory(member=org.member, created_by=org.adviser)
    InvitationFactory(member=org.member, created_by=org.adviser, moment="tussentijds")
    response = completed_response(org.member, org.adviser, dict.fromkeys(ALL_ITEMS, 1))
    MemberFactory(family=org.family, first_name="Karim", role=MemberRole.PARENT)
    for member in (org.member, org.youth):
        actions.invite_member(org.adviser, member)
        actions.make_one_time_link(org.adviser, member)
    for number, text in enumerate(("Mijn adres klopt niet", "Mijn naam is anders")):
        dossier_actions.request_correction(org.member, text, f"key{number:020d}")
    for goal in org.family.goals.all():
        raise_talk_flag(org.member, goal=goal)
    return response


@pytest.mark.django_db
def test_repeated_buttons_of_the_member_pages_say_what_they_are_about(org, busy_family):
    member = sign_in_member(Client(), org.member)
    pages = {
        "Ons plan": reverse("portal:home"),
        "Vragenlijsten": reverse("portal:questionnaires"),
        "uitslag": reverse("portal:questionnaire_result", args=[busy_family.pk]),
        "Ons dossier": reverse("portal:dossier"),
    }
    for page, path in pages.items():
        html = member.get(path).content.decode()
        assert _undistinguished(html) == [], page
    # Without flags, Ons plan has a talk button per goal.
    from krachtbron.portal.models import TalkFlag

    TalkFlag.objects.all().delete()
    html = member.get(reverse("portal:home")).content.decode()
    assert html.count("Hier wil ik over praten") >= 2
    assert _undistinguished(html) == []


@pytest.mark.django_db
def test_repeated_buttons_of_the_advisers_side_say_what_they_are_about(org, busy_family):
    adviser = login(Client(), org.adviser)
    for path in (
        reverse("portal:family", args=[org.family.pk]),
        reverse("strengths:goals", args=[org.family.pk]),
    ):
        html = adviser.get(path).content.decode()
        # Buttons: the file's header and menu (links) belong to the family file, not here.
        assert _undistinguished(html, frozenset({"button"})) == [], path
