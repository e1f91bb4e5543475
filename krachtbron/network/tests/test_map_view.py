import xml.etree.ElementTree as ET

from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.strengths.tests.hostile import HOSTILE
from krachtbron.testing.factories import MemberFactory


def _url(org, query=""):
    return reverse("network:map", args=[org.family.pk]) + query


def test_the_map_comes_with_a_table_indicators_and_a_read_row(org, as_user):
    NetworkPersonFactory(family=org.family, label="Oma Truus", stays_after_help=True)
    NetworkPersonFactory(family=org.family, label="Coach", professional=True)
    NetworkPersonFactory(family=org.family, label="Wijkagent", professional=True)

    response = as_user(org.adviser).get(_url(org))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="ecomap"' in page and "network-table" in page
    assert "Er zijn meer professionals (2) dan mensen uit het eigen netwerk" in page
    assert AccessLogEntry.objects.filter(
        family_id=org.family.pk, kind=AccessKind.READ, object_type="network_map"
    ).exists()


def test_nobody_staying_after_the_help_is_pointed_out(org, as_user):
    NetworkPersonFactory(family=org.family, stays_after_help=False)
    page = as_user(org.adviser).get(_url(org)).content.decode()
    assert "Als ik straks stop, wie is er dan om je te steunen?" in page


def test_one_members_map_shows_only_their_people(org, as_user):
    NetworkPersonFactory(family=org.family, member=org.member, label="Vriendin Sanne")
    NetworkPersonFactory(family=org.family, label="Buurman Kees")
    page = as_user(org.adviser).get(_url(org, f"?gezinslid={org.member.pk}")).content.decode()
    assert "Vriendin Sanne" in page and "Buurman Kees" not in page
    assert "Netwerkkaart van <bdi>Fatima</bdi>" in page


def test_a_member_of_another_family_in_the_query_is_404(org, as_user):
    stranger = MemberFactory(family=org.other_family)
    client = as_user(org.adviser)
    assert client.get(_url(org, f"?gezinslid={stranger.pk}")).status_code == 404
    assert client.get(_url(org, "?gezinslid=abc")).status_code == 404


def test_hostile_labels_are_text_in_the_page_and_the_svg(org, as_user):
    for payload in HOSTILE:
        NetworkPersonFactory(family=org.family, label=payload)
    page = as_user(org.adviser).get(_url(org)).content.decode()
    assert "<script>alert" not in page and "<svg onload" not in page
    assert "<foreignObject" not in page
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="ecomap"') :]
    svg = svg[: svg.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    for element in root.iter():
        assert not element.tag.endswith(("script", "foreignObject"))
        assert not any(name.startswith("on") for name in element.attrib)


def test_another_adviser_cannot_see_the_map(org, as_user):
    NetworkPersonFactory(family=org.family, label="Oma Truus")
    for user in (org.colleague, org.other_adviser, org.teamleider, org.beheerder):
        response = as_user(user).get(_url(org))
        assert response.status_code in (403, 404)
        assert b"Oma Truus" not in response.content
