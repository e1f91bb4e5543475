"""Files people open elsewhere never carry a character XML forbids, also from old data.

Issue 12: a network label "oma" + U+FFFE was saved; the map's SVG then failed to parse and the
PDF showed a box. The forms now refuse such characters (test_form_inputs.py); this test plants
them straight in the database, as data from before the rule would have them, and renders the
map, the charts, the PDFs and the CSV files.
"""

import logging
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own SVG output, not input

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import Team
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.lib.text import forbidden_kind
from krachtbron.network.models import NetworkPerson
from krachtbron.testing.personas import login
from krachtbron.testing.planted import rich_org
from krachtbron.testing.prepared import downloaded

# Characters PostgreSQL stores (NUL and surrogates it cannot) that XML 1.0 forbids or that
# are no text: a noncharacter, an escape, a C1 control, the last code point of a plane.
OLD_DATA = {"\ufffe", "\x1b", "\x85", "\ufdd0", "\U0010ffff"}


def _forbidden(text: str) -> set[str]:
    return {c for c in text if forbidden_kind(c, multiline=True)}


@pytest.fixture
def old_data(org):
    made = rich_org(org)
    NetworkPerson.objects.filter(family=org.family).update(label="oma\ufffe")
    FamilyMember.objects.filter(pk=org.member.pk).update(first_name="Sa\x1bra\x85")
    Goal.objects.filter(family=org.family).update(text="Samen eten\ufdd0")
    Team.objects.filter(pk=org.team.pk).update(name="Team \U0010ffffOost")
    return made


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


@pytest.mark.django_db
def test_the_map_and_the_charts_are_well_formed_xml(org, old_data):
    adviser = login(Client(), org.adviser)
    pages = {
        "map": adviser.get(reverse("network:map", args=[org.family.pk])),
        "map of one member": adviser.get(
            reverse("network:map", args=[org.family.pk]), {"gezinslid": org.member.pk}
        ),
        "dashboard": login(Client(), org.beheerder).get(reverse("insight:dashboard")),
        "mirror": login(Client(), org.teamleider).get(reverse("insight:mirror")),
    }
    for name, response in pages.items():
        html = response.content.decode()
        svgs = _svgs(html)
        assert svgs, f"{name}: no SVG on the page"
        for svg in svgs:
            ET.fromstring(svg)  # noqa: S314 - raises ParseError on a forbidden character
            assert not _forbidden(svg), name
    map_html = pages["map"].content.decode()
    assert "oma" in map_html and "\ufffe" not in "".join(_svgs(map_html))


@pytest.mark.django_db
def test_the_pdfs_draw_no_empty_boxes(org, old_data, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    adviser = login(Client(), org.adviser)
    plan = adviser.get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    copy = downloaded(
        adviser,
        adviser.post(
            reverse("families:copy", args=[org.family.pk]),
            {"requester": org.member.pk, "third_parties": "1", "format": "pdf"},
        ),
    )
    invitation = old_data["invitation"]
    printed = adviser.post(
        reverse("questionnaires:pdf", args=[invitation.pk]), {"token": old_data["token"]}
    )
    for response in (plan, copy, printed):
        assert response["Content-Type"] == "application/pdf"
    notdef = [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    assert not notdef


@pytest.mark.django_db
def test_the_csv_files_hold_none_of_them(org, old_data):
    for name, user in (
        ("insight:dashboard_csv", org.beheerder),
        ("insight:mirror_csv", org.teamleider),
    ):
        body = login(Client(), user).get(reverse(name)).content.decode("utf-8")
        assert "Team Oost" in body and not _forbidden(body), name
    project = old_data["project"]
    body = (
        login(Client(), org.onderzoeker)
        .post(reverse("research:project_export", args=[project.pk, "csv"]))
        .content.decode("utf-8")
    )
    assert "Team Oost" in body and not _forbidden(body)
